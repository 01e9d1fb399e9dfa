import { Checkbox, Stack } from '@mantine/core';
import { staffRoles, type StaffRole } from '../../../../shared/schemas/auth.js';

export const roleLabels: Record<StaffRole, string> = {
  owner: 'Owner',
  clinician: 'Clinician',
  biller: 'Biller',
  scheduler: 'Scheduler',
};

const roleDescriptions: Record<StaffRole, string> = {
  owner: 'Everything, including settings, the team and the audit log.',
  clinician: 'Their assigned clients: profiles, portal access, messages and documents.',
  biller: 'Client contact details, billing documents and payments.',
  scheduler: 'Every clinician’s calendar, appointment requests and client contact details.',
};

export const roleList = (roles: readonly StaffRole[]): string => roles.map((role) => roleLabels[role]).join(', ');

/** The roles as checkboxes, each with what it may do; roles combine. */
export function RolesField({
  value,
  onChange,
  error,
}: {
  value: StaffRole[];
  onChange: (roles: StaffRole[]) => void;
  error?: string | undefined;
}) {
  return (
    <Checkbox.Group
      label="Roles"
      description="Choose one or more."
      value={value}
      onChange={(next) => onChange(staffRoles.filter((role) => next.includes(role)))}
      error={error}
      withAsterisk
    >
      <Stack gap="xs" mt="xs">
        {staffRoles.map((role) => (
          <Checkbox key={role} value={role} label={roleLabels[role]} description={roleDescriptions[role]} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
