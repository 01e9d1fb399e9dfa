import {
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import type { AddressAnswer, Question, SignatureAnswer } from '../../../../shared/schemas/document-templates.js';
import { FileQuestionField, type FileQuestionTarget } from './FileQuestionField.js';
import { SignatureField } from './SignatureField.js';
import { QuestionLegend } from './QuestionLegend.js';

export interface QuestionFieldProps {
  question: Question;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Leaving the field: the draft is saved at once rather than after the pause. */
  onCommit: () => void;
  error?: string;
  /** The client's name, offered as the signer's. */
  clientName: string;
  /** Where a file question's file is sent (file questions save themselves, not with the draft). */
  files: FileQuestionTarget;
}

const emptyAddress: AddressAnswer = { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' };

/** One question of a form, by its kind, with its label, help, required mark and error. */
export function QuestionField({
  question: q,
  value,
  onChange,
  onCommit,
  error,
  clientName,
  files,
}: QuestionFieldProps) {
  const common = {
    label: q.label,
    description: q.help,
    required: q.required,
    error,
    'data-question-error': error ? true : undefined,
  };
  const text = typeof value === 'string' ? value : '';

  switch (q.kind) {
    case 'heading':
      return (
        <Stack gap={4} pt="sm">
          <Title order={2} size="h4" className="portal-break">
            {q.label}
          </Title>
          {q.help ? (
            <Text size="sm" c="dark.6" className="portal-break" style={{ whiteSpace: 'pre-line' }}>
              {q.help}
            </Text>
          ) : null}
        </Stack>
      );
    case 'short_text':
    case 'email':
    case 'phone':
      return (
        <TextInput
          {...common}
          type={q.kind === 'email' ? 'email' : q.kind === 'phone' ? 'tel' : 'text'}
          autoComplete={q.kind === 'email' ? 'email' : q.kind === 'phone' ? 'tel' : undefined}
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
          onBlur={onCommit}
        />
      );
    case 'long_text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={3}
          maxRows={12}
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
          onBlur={onCommit}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={text}
          onChange={(event) => onChange(event.currentTarget.value || null)}
          onBlur={onCommit}
          maw={260}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          min={q.min}
          max={q.max}
          allowDecimal={!q.integer}
          onChange={(next) => onChange(typeof next === 'number' ? next : null)}
          onBlur={onCommit}
          maw={260}
        />
      );
    case 'single_choice':
    case 'yes_no':
    case 'scale': {
      const options =
        q.kind === 'single_choice'
          ? q.options.map((o) => ({ value: o, label: o }))
          : q.kind === 'yes_no'
            ? [
                { value: 'yes', label: 'Yes' },
                { value: 'no', label: 'No' },
              ]
            : Array.from({ length: q.max - q.min + 1 }, (_, i) => ({
                value: String(q.min + i),
                label: String(q.min + i),
              }));
      const selected =
        q.kind === 'yes_no'
          ? value === true
            ? 'yes'
            : value === false
              ? 'no'
              : null
          : q.kind === 'scale'
            ? typeof value === 'number'
              ? String(value)
              : null
            : typeof value === 'string'
              ? value
              : null;
      const scaleEnds =
        q.kind === 'scale' && (q.minLabel || q.maxLabel)
          ? `${q.min} = ${q.minLabel ?? ''}${q.maxLabel ? `, ${q.max} = ${q.maxLabel}` : ''}`
          : undefined;
      return (
        <Radio.Group
          {...common}
          description={[q.help, scaleEnds].filter(Boolean).join(' · ') || undefined}
          value={selected}
          onChange={(next) => {
            onChange(q.kind === 'yes_no' ? next === 'yes' : q.kind === 'scale' ? Number(next) : next);
            onCommit();
          }}
        >
          <Group gap={q.kind === 'scale' ? 'sm' : 'lg'} mt={8} wrap="wrap">
            {options.map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} />
            ))}
          </Group>
        </Radio.Group>
      );
    }
    case 'multiple_choice':
      return (
        <Checkbox.Group
          {...common}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(next) => {
            // Kept in the order the options are listed, whatever order they were ticked in.
            onChange(q.options.filter((o) => next.includes(o)));
            onCommit();
          }}
        >
          <Stack gap={8} mt={8}>
            {q.options.map((o) => (
              <Checkbox key={o} value={o} label={o} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'dropdown':
      return (
        <NativeSelect
          {...common}
          value={text}
          data={[{ value: '', label: 'Choose…' }, ...q.options.map((o) => ({ value: o, label: o }))]}
          onChange={(event) => {
            onChange(event.currentTarget.value || null);
            onCommit();
          }}
          maw={420}
        />
      );
    case 'address': {
      const address = { ...emptyAddress, ...(value as Partial<AddressAnswer> | null) };
      const set = (key: keyof AddressAnswer) => (event: React.ChangeEvent<HTMLInputElement>) =>
        onChange({ ...address, [key]: event.currentTarget.value });
      return (
        <Fieldset
          legend={<QuestionLegend label={q.label} required={q.required} />}
          radius="md"
          data-question-error={error ? true : undefined}
        >
          <Stack gap="sm">
            {q.help ? (
              <Text size="sm" c="dark.6">
                {q.help}
              </Text>
            ) : null}
            <TextInput
              label="Street address"
              required={q.required}
              autoComplete="address-line1"
              value={address.line1}
              onChange={set('line1')}
              onBlur={onCommit}
            />
            <TextInput
              label="Address line 2"
              autoComplete="address-line2"
              value={address.line2}
              onChange={set('line2')}
              onBlur={onCommit}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput
                label="City"
                required={q.required}
                autoComplete="address-level2"
                value={address.city}
                onChange={set('city')}
                onBlur={onCommit}
              />
              <TextInput
                label="State or region"
                autoComplete="address-level1"
                value={address.region}
                onChange={set('region')}
                onBlur={onCommit}
              />
              <TextInput
                label="Postal code"
                autoComplete="postal-code"
                value={address.postalCode}
                onChange={set('postalCode')}
                onBlur={onCommit}
              />
              <TextInput
                label="Country"
                autoComplete="country-name"
                value={address.country}
                onChange={set('country')}
                onBlur={onCommit}
              />
            </SimpleGrid>
            {error ? (
              <Text c="red.8" size="sm" role="alert">
                {error}
              </Text>
            ) : null}
          </Stack>
        </Fieldset>
      );
    }
    case 'signature':
      return (
        <SignatureField
          label={q.label}
          help={q.help}
          required={q.required}
          value={(value as SignatureAnswer | null | undefined) ?? null}
          onChange={onChange}
          onCommit={onCommit}
          error={error}
          defaultName={clientName}
        />
      );
    case 'file_upload':
      return <FileQuestionField question={q} value={value} error={error} target={files} />;
  }
}
