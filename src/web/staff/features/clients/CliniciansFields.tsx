import { MultiSelect, Select, SimpleGrid } from '@mantine/core';
import type { ClinicianOption } from '../../../../shared/schemas/client-clinicians.js';
import { sentence, type FieldErrorMap } from '../../../common/field-errors.js';

export interface CliniciansState {
  primaryId: string | null;
  otherIds: string[];
}

interface CliniciansFieldsProps {
  options: readonly ClinicianOption[];
  value: CliniciansState;
  onChange: (value: CliniciansState) => void;
  /** Field errors, keyed as the API names them under `prefix` (`clinicians.primaryId`, or `primaryId`). */
  errors: FieldErrorMap;
  prefix?: string;
  clearError: (field: string) => void;
}

/** **Primary clinician** (required) and **Other clinicians**: who a client is assigned to. */
export function CliniciansFields({ options, value, onChange, errors, prefix = '', clearError }: CliniciansFieldsProps) {
  const key = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const otherError = Object.entries(errors).find(([field]) => field.startsWith(key('otherIds')))?.[1];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Select
        label="Primary clinician"
        placeholder="Choose a clinician"
        required
        data={options.map((option) => ({ value: option.id, label: option.name }))}
        value={value.primaryId}
        onChange={(primaryId) => {
          onChange({ primaryId, otherIds: value.otherIds.filter((id) => id !== primaryId) });
          clearError(key('primaryId'));
          clearError(prefix);
        }}
        searchable
        nothingFoundMessage="No clinician by that name"
        error={sentence(errors[key('primaryId')] ?? (prefix ? errors[prefix] : undefined))}
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label="Other clinicians"
        placeholder={value.otherIds.length === 0 ? 'None' : undefined}
        data={options
          .filter((option) => option.id !== value.primaryId)
          .map((option) => ({ value: option.id, label: option.name }))}
        value={value.otherIds}
        onChange={(otherIds) => {
          onChange({ ...value, otherIds });
          for (const field of Object.keys(errors)) if (field.startsWith(key('otherIds'))) clearError(field);
        }}
        searchable
        clearable
        error={sentence(otherError)}
        // Mantine's 100px minimum for the typing field pushes it under the first pill on a phone,
        // leaving an empty second line; a narrower one keeps a chosen clinician and the field on one.
        styles={{ inputField: { minWidth: '3rem' } }}
        comboboxProps={{ withinPortal: true }}
      />
    </SimpleGrid>
  );
}
