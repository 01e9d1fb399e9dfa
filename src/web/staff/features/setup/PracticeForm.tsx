import { Button, Divider, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { createPracticeBody, type CreatePracticeBody } from '../../../../shared/schemas/auth.js';
import { isApiError } from '../../../common/api.js';
import { browserTimeZone } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { PasswordField } from '../../../common/PasswordField.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { cleanSlugInput, slugify } from './slug.js';
import { TimeZoneSelect } from './TimeZoneSelect.js';

interface PracticeFormProps {
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: CreatePracticeBody) => void;
}

/** Server conflicts name no field; place them on the input they concern. */
function conflictErrors(error: unknown): FieldErrorMap {
  if (!isApiError(error)) return {};
  if (error.code === 'slug_taken') return { 'practice.slug': 'is already used by another practice' };
  if (error.code === 'email_taken') return { 'owner.email': 'already has an account' };
  return {};
}

/** The practice and its owner: used by first-run setup and by sign-up. */
export function PracticeForm({ submitLabel, pending, error, onSubmit }: PracticeFormProps) {
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [ownerName, setOwnerName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  // Fields edited since the last submit: their old errors no longer apply.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const markEdited = (field: string) =>
    setEdited((previous) => (previous.has(field) ? previous : new Set(previous).add(field)));

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setEdited(new Set());
    const parsed = createPracticeBody.safeParse({
      practice: { name, timeZone, slug },
      owner: { name: ownerName, email, password },
    });
    if (!parsed.success) {
      setClientErrors(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setClientErrors({});
    onSubmit(parsed.data);
  };

  const errors: FieldErrorMap = Object.fromEntries(
    Object.entries({ ...fieldErrorsOf(error), ...conflictErrors(error), ...clientErrors }).filter(
      ([field]) => !edited.has(field),
    ),
  );
  const showAlert = !isApiError(error) || !['slug_taken', 'email_taken'].includes(error.code);
  const origin = typeof window === 'undefined' ? '' : window.location.origin;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {showAlert ? <ErrorAlert error={error} title="Could not create the practice" hideWhenOnlyFields /> : null}
        <Title order={2} size="h3">
          Practice
        </Title>
        <TextInput
          label="Practice name"
          required
          autoComplete="organization"
          value={name}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setName(value);
            markEdited('practice.name');
            if (!slugEdited) {
              setSlug(slugify(value));
              markEdited('practice.slug');
            }
          }}
          error={sentence(errors['practice.name'])}
        />
        <TimeZoneSelect
          value={timeZone}
          onChange={(value) => {
            setTimeZone(value);
            markEdited('practice.timeZone');
          }}
          error={sentence(errors['practice.timeZone'])}
        />
        <TextInput
          label="Portal address"
          required
          autoComplete="off"
          spellCheck={false}
          value={slug}
          onChange={(event) => {
            setSlugEdited(true);
            setSlug(cleanSlugInput(event.currentTarget.value));
            markEdited('practice.slug');
          }}
          description={
            <>
              Your clients sign in at{' '}
              <Text span fw={600} size="xs" c="var(--mantine-color-text)" style={{ wordBreak: 'break-all' }}>
                {origin}/portal/{slug || 'your-practice'}
              </Text>
            </>
          }
          error={sentence(errors['practice.slug'])}
        />
        <Divider my="xs" />
        <Title order={2} size="h3">
          Your account
        </Title>
        <TextInput
          label="Your name"
          required
          autoComplete="name"
          value={ownerName}
          onChange={(event) => {
            setOwnerName(event.currentTarget.value);
            markEdited('owner.name');
          }}
          error={sentence(errors['owner.name'])}
        />
        <TextInput
          label="Email"
          type="email"
          required
          autoComplete="username"
          value={email}
          onChange={(event) => {
            setEmail(event.currentTarget.value);
            markEdited('owner.email');
          }}
          error={sentence(errors['owner.email'])}
        />
        <PasswordField
          label="Password"
          description="At least 10 characters."
          required
          autoComplete="new-password"
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            markEdited('owner.password');
          }}
          error={sentence(errors['owner.password'])}
        />
        <Button type="submit" fullWidth loading={pending} mt="xs">
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
