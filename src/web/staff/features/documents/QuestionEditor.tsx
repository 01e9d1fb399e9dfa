import { ActionIcon, Group, NumberInput, Paper, Select, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import {
  questionKindLabels,
  questionKinds,
  type QuestionInput,
  type QuestionKind,
} from '../../../../shared/schemas/document-templates.js';

export const kindOptions = questionKinds.map((kind) => ({ value: kind, label: questionKindLabels[kind] }));

const choiceKinds = new Set<QuestionKind>(['single_choice', 'multiple_choice', 'dropdown']);

/** A question of another kind, keeping what the two kinds share (id, label, help, required). */
export function withKind(question: QuestionInput, kind: QuestionKind): QuestionInput {
  const { id, label, help } = question;
  const required = kind === 'heading' ? false : (question.required ?? false);
  const options = 'options' in question ? question.options : ['Option 1', 'Option 2'];
  switch (kind) {
    case 'single_choice':
    case 'multiple_choice':
    case 'dropdown':
      return { id, label, help, required, kind, options };
    case 'scale':
      return { id, label, help, required, kind, min: 1, max: 5 };
    case 'number':
      return { id, label, help, required, kind };
    case 'heading':
      return { id, label, help, kind, required: false };
    default:
      return { id, label, help, required, kind };
  }
}

interface QuestionEditorProps {
  question: QuestionInput;
  index: number;
  count: number;
  errors: Record<string, string>;
  onChange: (question: QuestionInput) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One question of the form builder: its kind, label, help, whether it is required, and its kind's options. */
export function QuestionEditor({ question, index, count, errors, onChange, onMove, onRemove }: QuestionEditorProps) {
  const at = (field: string) => errors[`content.questions.${index}.${field}`];
  const n = index + 1;
  return (
    <Paper withBorder radius="md" p="md" component="fieldset" style={{ minWidth: 0 }}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text component="legend" fw={600} size="sm">
            Question {n}
          </Text>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Move question ${n} up`}
              disabled={index === 0}
              onClick={() => onMove(-1)}
            >
              <IconArrowUp size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Move question ${n} down`}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            >
              <IconArrowDown size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" aria-label={`Remove question ${n}`} onClick={onRemove}>
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          <Select
            label="Kind"
            data={kindOptions}
            value={question.kind}
            allowDeselect={false}
            onChange={(value) => value && onChange(withKind(question, value))}
            miw={180}
          />
          <TextInput
            label={question.kind === 'heading' ? 'Heading' : 'Question'}
            value={question.label}
            onChange={(e) => onChange({ ...question, label: e.currentTarget.value })}
            error={at('label')}
            miw={220}
          />
        </Group>
        <Textarea
          label={question.kind === 'heading' ? 'Instructions' : 'Help text'}
          description={question.kind === 'heading' ? undefined : 'Shown under the question (optional).'}
          autosize
          minRows={1}
          value={question.help ?? ''}
          onChange={(e) => onChange({ ...question, help: e.currentTarget.value })}
          error={at('help')}
        />
        {choiceKinds.has(question.kind) && 'options' in question ? (
          <Textarea
            label="Options"
            description="One option a line."
            autosize
            minRows={2}
            value={question.options.join('\n')}
            onChange={(e) => onChange({ ...question, options: e.currentTarget.value.split('\n') })}
            error={
              at('options') ??
              Object.entries(errors).find(([k]) => k.startsWith(`content.questions.${index}.options.`))?.[1]
            }
          />
        ) : null}
        {question.kind === 'scale' ? (
          <Group gap="sm" grow wrap="wrap">
            <NumberInput
              label="From"
              min={0}
              max={1}
              value={question.min}
              onChange={(v) => onChange({ ...question, min: Number(v) })}
              error={at('min')}
            />
            <NumberInput
              label="To"
              min={2}
              max={10}
              value={question.max}
              onChange={(v) => onChange({ ...question, max: Number(v) })}
              error={at('max')}
            />
            <TextInput
              label="Label at the start"
              value={question.minLabel ?? ''}
              onChange={(e) => onChange({ ...question, minLabel: e.currentTarget.value })}
            />
            <TextInput
              label="Label at the end"
              value={question.maxLabel ?? ''}
              onChange={(e) => onChange({ ...question, maxLabel: e.currentTarget.value })}
            />
          </Group>
        ) : null}
        {question.kind === 'number' ? (
          <Group gap="sm" grow wrap="wrap">
            <NumberInput
              label="Lowest allowed"
              value={question.min ?? ''}
              onChange={(v) => onChange({ ...question, min: v === '' ? undefined : Number(v) })}
              error={at('min')}
            />
            <NumberInput
              label="Highest allowed"
              value={question.max ?? ''}
              onChange={(v) => onChange({ ...question, max: v === '' ? undefined : Number(v) })}
              error={at('max')}
            />
          </Group>
        ) : null}
        {question.kind !== 'heading' ? (
          <Switch
            label="Required"
            checked={question.required ?? false}
            onChange={(e) => onChange({ ...question, required: e.currentTarget.checked })}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}
