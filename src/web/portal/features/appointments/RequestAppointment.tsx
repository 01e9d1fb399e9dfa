import { Alert, Button, Group, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../common/ErrorAlert.js';
import type { RequestOptions } from '../../../../shared/schemas/appointment-requests.js';
import { dayLabel, knownTimeZones, localDate, timeLabel, zoneLabel } from './appointment-time.js';
import { useFreeSlots, useRequestAppointment, useRequestOptions, useSetTimeZone } from './appointments.queries.js';

interface RequestAppointmentProps {
  slug: string;
  timeZone: string;
  practiceTimeZone: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/**
 * Request appointment: service → clinician → location → day → time, from the free times the server
 * computes, shown in the client's zone (changeable, and kept), with an optional message.
 */
export function RequestAppointment({ slug, timeZone, practiceTimeZone, onDone, onCancel }: RequestAppointmentProps) {
  const options = useRequestOptions(slug);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [clinicianId, setClinicianId] = useState<string | null>(null);
  const [locationId, setLocationId] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const setZone = useSetTimeZone(slug);
  const send = useRequestAppointment(slug);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  const services: RequestOptions['services'] = options.data?.services ?? [];
  const service = services.find((s) => s.id === serviceId);
  const clinician = service?.clinicians.find((c) => c.id === clinicianId);
  const ask = serviceId && clinicianId && locationId ? { serviceId, clinicianId, locationId } : null;
  const slots = useFreeSlots(slug, ask);

  const days = useMemo(() => {
    const byDay = new Map<string, string[]>();
    for (const instant of slots.data?.slots ?? []) {
      const date = localDate(instant, timeZone);
      byDay.set(date, [...(byDay.get(date) ?? []), instant]);
    }
    return byDay;
  }, [slots.data, timeZone]);
  const zones = useMemo(() => knownTimeZones().map((zone) => ({ value: zone, label: zoneLabel(zone) })), []);

  const pick = (level: 'service' | 'clinician' | 'location' | 'day', value: string | null) => {
    if (level === 'service') {
      setServiceId(value);
      const only = services.find((s) => s.id === value)?.clinicians;
      setClinicianId(only?.length === 1 ? (only[0]?.id ?? null) : null);
      const locations = only?.length === 1 ? only[0]?.locations : undefined;
      setLocationId(locations?.length === 1 ? (locations[0]?.id ?? null) : null);
    }
    if (level === 'clinician') {
      setClinicianId(value);
      const locations = service?.clinicians.find((c) => c.id === value)?.locations;
      setLocationId(locations?.length === 1 ? (locations[0]?.id ?? null) : null);
    }
    if (level === 'location') setLocationId(value);
    setDay(level === 'day' ? value : null);
    setSlot(null);
    send.reset();
  };

  const submit = () => {
    if (!ask || !slot) return;
    send.mutate(
      { ...ask, startsAt: slot, timeZone, message: message.trim() || null },
      { onSuccess: () => onDone('Your request was sent. The time is held for you until the practice answers.') },
    );
  };

  const dayOptions = [...days.keys()].map((date) => ({
    value: date,
    label: dayLabel(days.get(date)?.[0] ?? '', timeZone),
  }));

  let body: React.ReactNode;
  if (options.isPending) body = <Text c="dimmed">Loading what you can request…</Text>;
  else if (options.error)
    body = (
      <Alert color="red" title="This could not be loaded">
        {errorMessage(options.error)}
      </Alert>
    );
  else if (services.length === 0)
    body = (
      <Alert color="gray" title="Nothing to request online yet">
        Your practice has no times open to online requests with your clinicians. Please contact them to book.
      </Alert>
    );
  else
    body = (
      <>
        <Select
          label="Service"
          placeholder="Choose a service"
          data={services.map((s) => ({ value: s.id, label: `${s.name} (${s.durationMinutes} min)` }))}
          value={serviceId}
          onChange={(value) => pick('service', value)}
          allowDeselect={false}
        />
        {service ? (
          <Select
            label="Clinician"
            placeholder="Choose a clinician"
            data={service.clinicians.map((c) => ({ value: c.id, label: c.name }))}
            value={clinicianId}
            onChange={(value) => pick('clinician', value)}
            allowDeselect={false}
          />
        ) : null}
        {clinician ? (
          <Select
            label="Location"
            placeholder="Choose where"
            data={clinician.locations.map((l) => ({
              value: l.id,
              label: l.kind === 'telehealth' ? `${l.name} (video)` : l.name,
            }))}
            value={locationId}
            onChange={(value) => pick('location', value)}
            allowDeselect={false}
          />
        ) : null}
        <Select
          label="Time zone"
          description={
            timeZone === practiceTimeZone
              ? 'Times are shown in the practice’s time zone.'
              : `Times are shown in ${zoneLabel(timeZone)}. The practice is in ${zoneLabel(practiceTimeZone)}.`
          }
          data={zones}
          value={timeZone}
          searchable
          allowDeselect={false}
          onChange={(value) => {
            if (value && value !== timeZone) setZone.mutate(value);
            setSlot(null);
            setDay(null);
          }}
          maxDropdownHeight={280}
        />
        {ask ? (
          slots.isPending ? (
            <Text c="dimmed">Finding free times…</Text>
          ) : slots.error ? (
            <Alert color="red" title="Free times could not be loaded">
              {errorMessage(slots.error)}
            </Alert>
          ) : days.size === 0 ? (
            <Alert color="gray" title="No free times">
              There are no free times for this choice in the coming weeks. Try another clinician or location.
            </Alert>
          ) : (
            <Select
              label="Day"
              placeholder="Choose a day"
              data={dayOptions}
              value={day}
              onChange={(value) => pick('day', value)}
              allowDeselect={false}
              maxDropdownHeight={280}
            />
          )
        ) : null}
        {day ? (
          <Radio.Group
            label="Time"
            value={slot}
            onChange={(value) => {
              setSlot(value);
              send.reset();
            }}
          >
            <SimpleGrid cols={{ base: 2, xs: 3, sm: 4 }} spacing="xs" mt={6}>
              {(days.get(day) ?? []).map((instant) => (
                <Radio.Card key={instant} value={instant} radius="md" p="sm" className="portal-time-card">
                  <Text ta="center" fw={600} size="sm">
                    {timeLabel(instant, timeZone)}
                  </Text>
                </Radio.Card>
              ))}
            </SimpleGrid>
          </Radio.Group>
        ) : null}
        {slot ? (
          <Textarea
            label="Message (optional)"
            description="Anything the practice should know. Please do not include urgent or clinical details."
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
        ) : null}
        {send.error ? (
          <Alert color="red" title="The request was not sent" role="alert">
            {errorMessage(send.error)}
          </Alert>
        ) : null}
      </>
    );

  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="request-title">
      <Stack gap="md">
        <Title order={2} id="request-title" ref={titleRef} tabIndex={-1}>
          Request appointment
        </Title>
        {body}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button onClick={submit} disabled={!slot} loading={send.isPending}>
            Send request
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
