import { NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { calendarReach } from '../../../../shared/permissions.js';
import type { SchedulingSettings } from '../../../../shared/schemas/scheduling.js';
import { useSignedIn } from '../../common/session.js';
import { SettingsFrame, SettingsLoading, SettingsSection, useSchedulingSetup } from '../settings/index.js';
import { useAvailability } from './availability.queries.js';
import { TimeOffSection } from './TimeOffSection.js';
import { WeeklyHoursSection } from './WeeklyHoursSection.js';

/**
 * Settings → Availability: a clinician's weekly hours (at which location, for which services, and
 * whether clients may request them online) and their time off. A clinician keeps their own;
 * owners and schedulers choose whose.
 */
export function AvailabilityPage() {
  const setup = useSchedulingSetup();
  return (
    <SettingsFrame
      title="Availability"
      description="The weekly hours a clinician sees clients, and the time they are away. Clients request appointments only in hours marked for online requests."
    >
      {setup.data ? (
        <ClinicianAvailability setup={setup.data} />
      ) : (
        <SettingsLoading error={setup.error} label="Loading availability" />
      )}
    </SettingsFrame>
  );
}

function ClinicianAvailability({ setup }: { setup: SchedulingSettings }) {
  const { staff } = useSignedIn();
  const mayPick = calendarReach(staff.roles) === 'all';
  const clinicians = mayPick ? setup.clinicians : setup.clinicians.filter((c) => c.id === staff.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const clinicianId = chosen ?? (clinicians.some((c) => c.id === staff.id) ? staff.id : (clinicians[0]?.id ?? null));
  const availability = useAvailability(clinicianId);

  if (clinicianId === null) {
    return (
      <SettingsSection title="Weekly hours">
        <Text c="dimmed">
          {mayPick
            ? 'No clinicians yet. Owners mark team members as clinicians in Settings → Team.'
            : 'You are not a clinician of this practice, so you keep no hours here.'}
        </Text>
      </SettingsSection>
    );
  }
  const name = clinicians.find((c) => c.id === clinicianId)?.name ?? '';
  return (
    <Stack gap="lg">
      {mayPick ? (
        <NativeSelect
          label="Clinician"
          description="Whose hours and time off you see and change."
          value={clinicianId}
          onChange={(event) => setChosen(event.currentTarget.value)}
          data={clinicians.map((c) => ({ value: c.id, label: c.id === staff.id ? `${c.name} (you)` : c.name }))}
          maw={360}
        />
      ) : null}
      {availability.data && availability.data.clinicianId === clinicianId ? (
        <>
          <WeeklyHoursSection
            key={`hours-${clinicianId}`}
            clinicianName={name}
            availability={availability.data}
            setup={setup}
          />
          <TimeOffSection key={`off-${clinicianId}`} availability={availability.data} />
        </>
      ) : (
        <SettingsLoading error={availability.error} label={`Loading ${name}'s availability`} />
      )}
    </Stack>
  );
}
