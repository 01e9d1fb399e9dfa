import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type SubmitEvent, type ReactNode } from 'react';
import { phoneRegionForTimeZone } from '../../../../shared/phone.js';
import type { ClientInput } from '../../../../shared/schemas/clients.js';
import { isApiError } from '../../../common/api.js';
import { numericDatePattern } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, type FieldErrorMap } from '../../../common/field-errors.js';
import { useSignedIn } from '../../common/session.js';
import { newEmailRow, parseClientForm, type ClientFormState, type EmailRowState } from './client-form-state.js';
import { EmailRow } from './EmailRow.js';

const MAX_EMAILS = 10;

interface ClientFormProps {
  initial: ClientFormState;
  submitLabel: string;
  /** Saves; a rejected promise with an ApiError puts its field errors on the inputs. */
  onSubmit: (input: ClientInput) => Promise<unknown>;
  pending: boolean;
  secondaryAction?: ReactNode;
  /** Heading level of the section titles (2 on the create page, 3 inside the profile's tabs). */
  sectionOrder?: 2 | 3;
  /** More of the form after the contact details (e.g. the Client Portal invitation on create). */
  extraSection?: (context: ExtraSectionContext) => ReactNode;
}

export interface ExtraSectionContext {
  emails: readonly EmailRowState[];
  errors: FieldErrorMap;
  clearError: (field: string) => void;
}

function omit(errors: FieldErrorMap, key: string): FieldErrorMap {
  if (!(key in errors)) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([field]) => field !== key));
}

function onlyFieldErrors(error: unknown): boolean {
  return isApiError(error) && error.code === 'validation_failed' && error.fields.length > 0;
}

/** Client info and contact details: the form behind Create client and Edit → Client Info. */
export function ClientForm({
  initial,
  submitLabel,
  onSubmit,
  pending,
  secondaryAction,
  sectionOrder = 2,
  extraSection,
}: ClientFormProps) {
  const { practice } = useSignedIn();
  const [state, setState] = useState<ClientFormState>(initial);
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  // A save error is shown above the form: bring it into view (the submit button is at the bottom).
  useEffect(() => {
    if (submitError) alertRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [submitError]);

  const setField = (field: Exclude<keyof ClientFormState, 'emails'>, value: string) => {
    setState((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => omit(previous, field));
  };
  const setEmails = (update: (emails: EmailRowState[]) => EmailRowState[]) => {
    setState((previous) => ({ ...previous, emails: update(previous.emails) }));
  };
  const clearEmailErrors = () =>
    setErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([key]) => !key.startsWith('emails'))));

  const addEmail = () => {
    const row = newEmailRow(state.emails.length === 0);
    setEmails((emails) => [...emails, row]);
    setFocusKey(row.key);
  };
  const removeEmail = (key: string) => {
    setEmails((emails) => {
      const rest = emails.filter((email) => email.key !== key);
      if (rest.length > 0 && !rest.some((email) => email.isPrimary)) {
        return rest.map((email, index) => ({ ...email, isPrimary: index === 0 }));
      }
      return rest;
    });
    clearEmailErrors();
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitError(null);
    const parsed = parseClientForm(state, phoneRegionForTimeZone(practice.timeZone));
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    try {
      await onSubmit(parsed.input);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setSubmitError(error);
    }
  };

  const hasErrors = Object.keys(errors).length > 0;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="lg">
        {submitError && !onlyFieldErrors(submitError) ? (
          <div ref={alertRef}>
            <ErrorAlert error={submitError} title="Could not save the client" />
          </div>
        ) : null}
        {hasErrors && !submitError ? (
          <Text c="red.9" size="sm" role="alert">
            Please correct the highlighted fields.
          </Text>
        ) : null}

        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            <Title order={sectionOrder} size="h3">
              Client info
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label="First name"
                required
                autoComplete="off"
                value={state.firstName}
                onChange={(event) => setField('firstName', event.currentTarget.value)}
                error={sentence(errors.firstName)}
              />
              <TextInput
                label="Last name"
                required
                autoComplete="off"
                value={state.lastName}
                onChange={(event) => setField('lastName', event.currentTarget.value)}
                error={sentence(errors.lastName)}
              />
              <TextInput
                label="Preferred name"
                description="Optional · what the client likes to be called"
                autoComplete="off"
                value={state.preferredName}
                onChange={(event) => setField('preferredName', event.currentTarget.value)}
                error={sentence(errors.preferredName)}
              />
              <TextInput
                label="Date of birth"
                description={`Optional · ${numericDatePattern()}`}
                placeholder={numericDatePattern()}
                inputMode="numeric"
                autoComplete="off"
                value={state.dateOfBirth}
                onChange={(event) => setField('dateOfBirth', event.currentTarget.value)}
                error={sentence(errors.dateOfBirth)}
              />
              <TextInput
                label="Phone"
                description="Optional"
                type="tel"
                autoComplete="off"
                value={state.phone}
                onChange={(event) => setField('phone', event.currentTarget.value)}
                error={sentence(errors.phone)}
              />
            </SimpleGrid>
          </Stack>
        </Paper>

        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            <div>
              <Title order={sectionOrder} size="h3">
                Contact details
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                The primary email is used for all communications. Switch on Email OK only when the client agrees to
                reminders and notifications by email.
              </Text>
            </div>
            {state.emails.length === 0 ? (
              <Text size="sm" c="dimmed">
                No email addresses yet.
              </Text>
            ) : null}
            {state.emails.map((row, index) => (
              <EmailRow
                key={row.key}
                row={row}
                index={index}
                errors={errors}
                autoFocus={row.key === focusKey}
                onChange={(change) => {
                  setEmails((emails) =>
                    emails.map((email) => (email.key === row.key ? { ...email, ...change } : email)),
                  );
                  const changed = Object.keys(change)[0];
                  if (changed) setErrors((previous) => omit(previous, `emails.${index}.${changed}`));
                }}
                onMakePrimary={() =>
                  setEmails((emails) => emails.map((email) => ({ ...email, isPrimary: email.key === row.key })))
                }
                onRemove={() => removeEmail(row.key)}
              />
            ))}
            {errors.emails ? (
              <Text c="red.9" size="sm" role="alert">
                Emails {errors.emails}.
              </Text>
            ) : null}
            <Group>
              <Button variant="light" onClick={addEmail} disabled={state.emails.length >= MAX_EMAILS}>
                + Add email
              </Button>
            </Group>
          </Stack>
        </Paper>

        {extraSection?.({
          emails: state.emails,
          errors,
          clearError: (field) => setErrors((previous) => omit(previous, field)),
        })}

        <Group justify="flex-end" gap="sm">
          {secondaryAction}
          <Button type="submit" loading={pending} miw={120}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
