import { Checkbox, Stack } from '@mantine/core';
import type { PortalPermissions } from '../../../../shared/schemas/portal-access.js';
import { payNeedsBilling, permissionFields, type PermissionKey } from './permission-labels.js';

interface PermissionCheckboxesProps {
  value: PortalPermissions;
  onChange: (value: PortalPermissions) => void;
  /** Why paying cannot work because the practice has no active online payments account. */
  paymentsUnavailable: string | null;
  disabled?: boolean;
}

/** The four Client Portal permissions, each with a one-line description. */
export function PermissionCheckboxes({
  value,
  onChange,
  paymentsUnavailable,
  disabled = false,
}: PermissionCheckboxesProps) {
  const describe = (key: PermissionKey, fallback: string): string => {
    if (key !== 'pay') return fallback;
    if (paymentsUnavailable) return paymentsUnavailable;
    return value.billing ? fallback : payNeedsBilling;
  };
  return (
    <Stack gap="md">
      {permissionFields.map((field) => (
        <Checkbox
          key={field.key}
          label={field.label}
          description={describe(field.key, field.description)}
          checked={value[field.key]}
          disabled={disabled || (field.key === 'pay' && paymentsUnavailable !== null)}
          onChange={(event) => onChange({ ...value, [field.key]: event.currentTarget.checked })}
          styles={{ label: { fontWeight: 500 } }}
        />
      ))}
    </Stack>
  );
}
