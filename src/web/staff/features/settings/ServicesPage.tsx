import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconMapPin, IconPlus } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import {
  locationInput,
  serviceInput,
  type Location,
  type SchedulingSettings,
  type Service,
} from '../../../../shared/schemas/scheduling.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { SettingsFrame, SettingsLoading, SettingsSection } from './SettingsFrame.js';
import {
  useArchiveLocation,
  useArchiveService,
  useSaveLocation,
  useSaveService,
  useSchedulingSetup,
} from './scheduling.queries.js';

const rowStyle = { borderTop: '1px solid var(--mantine-color-gray-2)' };
const listStyle = { listStyle: 'none', margin: 0, padding: 0 };

/** 15000 → "150.00". */
export function formatFee(minor: number): string {
  return (minor / 100).toFixed(2);
}

/** Settings → Services (owners): what the practice books, and where. */
export function ServicesPage() {
  const setup = useSchedulingSetup();
  const [editingService, setEditingService] = useState<Service | 'new' | null>(null);
  const [editingLocation, setEditingLocation] = useState<Location | 'new' | null>(null);
  return (
    <SettingsFrame
      title="Services"
      description="What your practice books, who offers it and where appointments happen. Archived ones stay on the appointments already booked."
    >
      {setup.data ? (
        <>
          <SettingsSection title="Services">
            <Group justify="flex-end">
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditingService('new')}>
                Add service
              </Button>
            </Group>
            <ServiceList setup={setup.data} onEdit={setEditingService} />
          </SettingsSection>
          <SettingsSection title="Locations" description="An office with its address, or Telehealth with a video link.">
            <Group justify="flex-end">
              <Button
                leftSection={<IconMapPin size={16} aria-hidden />}
                variant="default"
                onClick={() => setEditingLocation('new')}
              >
                Add location
              </Button>
            </Group>
            <LocationList locations={setup.data.locations} onEdit={setEditingLocation} />
          </SettingsSection>
          {editingService ? (
            <ServiceDialog
              service={editingService === 'new' ? null : editingService}
              clinicians={setup.data.clinicians}
              onClose={() => setEditingService(null)}
            />
          ) : null}
          {editingLocation ? (
            <LocationDialog
              location={editingLocation === 'new' ? null : editingLocation}
              onClose={() => setEditingLocation(null)}
            />
          ) : null}
        </>
      ) : (
        <SettingsLoading error={setup.error} label="Loading services" />
      )}
    </SettingsFrame>
  );
}

function ServiceList({ setup, onEdit }: { setup: SchedulingSettings; onEdit: (service: Service) => void }) {
  const archive = useArchiveService();
  if (setup.services.length === 0) return <Text c="dimmed">No services yet. Add the first one to start booking.</Text>;
  const names = new Map(setup.clinicians.map((c) => [c.id, c.name]));
  return (
    <Stack gap={0} component="ul" aria-label="Services" style={listStyle}>
      {setup.services.map((service) => (
        <Group component="li" key={service.id} justify="space-between" py="sm" gap="sm" style={rowStyle} wrap="wrap">
          <div style={{ minWidth: 0, flex: '1 1 240px' }}>
            <Group gap={6}>
              <Text fw={600}>{service.name}</Text>
              {service.cptCode ? (
                <Badge variant="light" color="gray">
                  CPT {service.cptCode}
                </Badge>
              ) : null}
              {service.archived ? <Badge color="gray">Archived</Badge> : null}
              {service.onlineRequests ? <Badge variant="light">Online requests</Badge> : null}
            </Group>
            <Text size="sm" c="dimmed">
              {service.durationMinutes} min · {formatFee(service.feeMinor)} ·{' '}
              {service.clinicianIds.map((id) => names.get(id) ?? 'Former member').join(', ') || 'No clinician yet'}
            </Text>
          </div>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={() => onEdit(service)} aria-label={`Edit ${service.name}`}>
              Edit
            </Button>
            <Button
              variant="subtle"
              size="xs"
              color="gray"
              loading={archive.isPending && archive.variables.id === service.id}
              onClick={() => archive.mutate({ id: service.id, archived: !service.archived })}
              aria-label={`${service.archived ? 'Restore' : 'Archive'} ${service.name}`}
            >
              {service.archived ? 'Restore' : 'Archive'}
            </Button>
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

function LocationList({ locations, onEdit }: { locations: Location[]; onEdit: (location: Location) => void }) {
  const archive = useArchiveLocation();
  if (locations.length === 0) return <Text c="dimmed">No locations yet.</Text>;
  return (
    <Stack gap={0} component="ul" aria-label="Locations" style={listStyle}>
      {locations.map((location) => (
        <Group component="li" key={location.id} justify="space-between" py="sm" gap="sm" style={rowStyle} wrap="wrap">
          <div style={{ minWidth: 0, flex: '1 1 240px' }}>
            <Group gap={6}>
              <Text fw={600}>{location.name}</Text>
              <Badge variant="light" color={location.kind === 'telehealth' ? 'blue' : 'gray'}>
                {location.kind === 'telehealth' ? 'Telehealth' : 'In person'}
              </Badge>
              {location.archived ? <Badge color="gray">Archived</Badge> : null}
            </Group>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {location.kind === 'telehealth'
                ? (location.videoLink ?? 'Video link given per appointment')
                : location.address}
            </Text>
          </div>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={() => onEdit(location)} aria-label={`Edit ${location.name}`}>
              Edit
            </Button>
            <Button
              variant="subtle"
              size="xs"
              color="gray"
              loading={archive.isPending && archive.variables.id === location.id}
              onClick={() => archive.mutate({ id: location.id, archived: !location.archived })}
              aria-label={`${location.archived ? 'Restore' : 'Archive'} ${location.name}`}
            >
              {location.archived ? 'Restore' : 'Archive'}
            </Button>
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

function ServiceDialog({
  service,
  clinicians,
  onClose,
}: {
  service: Service | null;
  clinicians: SchedulingSettings['clinicians'];
  onClose: () => void;
}) {
  const [name, setName] = useState(service?.name ?? '');
  const [cptCode, setCptCode] = useState(service?.cptCode ?? '');
  const [duration, setDuration] = useState<number | string>(service?.durationMinutes ?? 50);
  const [fee, setFee] = useState<number | string>(service ? service.feeMinor / 100 : 0);
  const [online, setOnline] = useState(service?.onlineRequests ?? false);
  const [offeredBy, setOfferedBy] = useState<string[]>(service?.clinicianIds ?? []);
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const save = useSaveService();

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = serviceInput.safeParse({
      name,
      cptCode: cptCode.trim().toUpperCase(),
      durationMinutes: typeof duration === 'number' ? duration : Number.NaN,
      feeMinor: typeof fee === 'number' ? Math.round(fee * 100) : Number.NaN,
      onlineRequests: online,
      clinicianIds: offeredBy,
    });
    setClientErrors(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    save.mutate({ id: service?.id ?? null, body: parsed.data }, { onSuccess: onClose });
  };

  const serverErrors = fieldErrorsOf(save.error);
  const errors = { ...serverErrors, ...clientErrors };
  return (
    <Modal opened onClose={onClose} title={service ? 'Edit service' : 'Add service'} centered size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {Object.keys(serverErrors).length === 0 ? <ErrorAlert error={save.error} title="Could not save" /> : null}
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={sentence(errors.name)}
            data-autofocus
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label="CPT code (optional)"
              placeholder="90834"
              value={cptCode}
              onChange={(e) => setCptCode(e.currentTarget.value)}
              error={sentence(errors.cptCode)}
              miw={140}
            />
            <NumberInput
              label="Duration (minutes)"
              required
              min={5}
              max={720}
              step={5}
              value={duration}
              onChange={setDuration}
              error={sentence(errors.durationMinutes)}
              miw={140}
            />
            <NumberInput
              label="Default fee"
              min={0}
              decimalScale={2}
              fixedDecimalScale
              value={fee}
              onChange={setFee}
              error={sentence(errors.feeMinor)}
              miw={140}
            />
          </Group>
          <Switch
            label="Clients may request it online"
            description="Offered in the Client Portal's Request appointment, where the practice allows requests."
            checked={online}
            onChange={(e) => setOnline(e.currentTarget.checked)}
          />
          <Checkbox.Group
            label="Offered by"
            description="The clinicians who provide this service."
            value={offeredBy}
            onChange={setOfferedBy}
            error={sentence(Object.entries(errors).find(([field]) => field.startsWith('clinicianIds'))?.[1])}
          >
            <Stack gap={6} mt={6}>
              {clinicians.map((clinician) => (
                <Checkbox key={clinician.id} value={clinician.id} label={clinician.name} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {service ? 'Save service' : 'Add service'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function LocationDialog({ location, onClose }: { location: Location | null; onClose: () => void }) {
  const [kind, setKind] = useState<Location['kind']>(location?.kind ?? 'in_person');
  const [name, setName] = useState(location?.name ?? '');
  const [address, setAddress] = useState(location?.address ?? '');
  const [videoLink, setVideoLink] = useState(location?.videoLink ?? '');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const save = useSaveLocation();

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = locationInput.safeParse(
      kind === 'in_person' ? { kind, name, address } : { kind, name: name || 'Telehealth', videoLink },
    );
    setClientErrors(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    save.mutate({ id: location?.id ?? null, body: parsed.data }, { onSuccess: onClose });
  };

  const serverErrors = fieldErrorsOf(save.error);
  const errors = { ...serverErrors, ...clientErrors };
  return (
    <Modal opened onClose={onClose} title={location ? 'Edit location' : 'Add location'} centered size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {Object.keys(serverErrors).length === 0 ? <ErrorAlert error={save.error} title="Could not save" /> : null}
          <SegmentedControl
            aria-label="Kind of location"
            value={kind}
            onChange={(value) => setKind(value === 'telehealth' ? 'telehealth' : 'in_person')}
            data={[
              { value: 'in_person', label: 'In person' },
              { value: 'telehealth', label: 'Telehealth' },
            ]}
          />
          <TextInput
            label="Name"
            required
            placeholder={kind === 'telehealth' ? 'Telehealth' : 'Main office'}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={sentence(errors.name)}
            data-autofocus
          />
          {kind === 'in_person' ? (
            <Textarea
              label="Address"
              required
              autosize
              minRows={2}
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              error={sentence(errors.address)}
            />
          ) : (
            <TextInput
              label="Default video link (optional)"
              description="Used when an appointment has no link of its own. Portico has no built-in video."
              placeholder="https://"
              value={videoLink}
              onChange={(e) => setVideoLink(e.currentTarget.value)}
              error={sentence(errors.videoLink)}
            />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {location ? 'Save location' : 'Add location'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
