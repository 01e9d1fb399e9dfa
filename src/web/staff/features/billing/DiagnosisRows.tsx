import { ActionIcon, Badge, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { sentence, type FieldErrorMap } from '../../../common/field-errors.js';

export interface DiagnosisDraft {
  /** Stable across reordering, for React and for focus. */
  key: string;
  code: string;
  description: string;
}

/** A superbill's diagnosis pointer: A for the first, L for the twelfth. */
export function pointerLetter(index: number): string {
  return String.fromCharCode('A'.charCodeAt(0) + index);
}

/** The diagnoses being edited: code and description each, moved up or down, removed. */
export function DiagnosisRows({
  diagnoses,
  onChange,
  errors,
}: {
  diagnoses: DiagnosisDraft[];
  onChange: (next: DiagnosisDraft[]) => void;
  errors: FieldErrorMap;
}) {
  if (diagnoses.length === 0) return <Text c="dimmed">No diagnoses yet.</Text>;
  const update = (index: number, change: Partial<DiagnosisDraft>) =>
    onChange(diagnoses.map((d, i) => (i === index ? { ...d, ...change } : d)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...diagnoses];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    onChange(next);
  };
  return (
    <Stack gap="sm" component="ol" aria-label="Diagnoses" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {diagnoses.map((d, index) => {
        const n = index + 1;
        return (
          <Group key={d.key} component="li" gap="sm" align="flex-start" wrap="wrap">
            <Badge variant="light" color="gray" mt={30} aria-label={`Pointer ${pointerLetter(index)}`}>
              {pointerLetter(index)}
            </Badge>
            <TextInput
              label="Code"
              aria-label={`Diagnosis ${n} code`}
              placeholder="F41.1"
              autoComplete="off"
              spellCheck={false}
              w={120}
              value={d.code}
              onChange={(event) => update(index, { code: event.currentTarget.value })}
              error={sentence(errors[`diagnoses.${index}.code`])}
            />
            <TextInput
              label="Description"
              aria-label={`Diagnosis ${n} description`}
              placeholder="Generalized anxiety disorder"
              autoComplete="off"
              style={{ flex: '1 1 220px' }}
              value={d.description}
              onChange={(event) => update(index, { description: event.currentTarget.value })}
              error={sentence(errors[`diagnoses.${index}.description`])}
            />
            <Group gap={4} mt={{ base: 0, sm: 26 }} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={`Move diagnosis ${n} up`}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                <IconArrowUp size={18} aria-hidden />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={`Move diagnosis ${n} down`}
                disabled={index === diagnoses.length - 1}
                onClick={() => move(index, 1)}
              >
                <IconArrowDown size={18} aria-hidden />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove diagnosis ${n}`}
                onClick={() => onChange(diagnoses.filter((_, i) => i !== index))}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          </Group>
        );
      })}
    </Stack>
  );
}
