import { Loader, Stack, TextInput } from '@mantine/core';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { sentence, type FieldErrorMap } from '../../../common/field-errors.js';
import { useTemplates } from './documents.queries.js';
import { PacketPicker } from './PacketPicker.js';

const field = 'portalInvitation.documents';

interface ShareOnCreateFieldsProps {
  chosen: readonly string[];
  onChosen: (chosen: string[]) => void;
  dueDate: string;
  onDueDate: (dueDate: string) => void;
  errors: FieldErrorMap;
  clearError: (field: string) => void;
}

/** The first refusal the server gave for the chosen templates (the list or one of its items). */
function templatesError(errors: FieldErrorMap): string | undefined {
  const key = Object.keys(errors).find((k) => k === `${field}.templateIds` || k.startsWith(`${field}.templateIds.`));
  return key ? sentence(errors[key]) : undefined;
}

/**
 * Documents to share with a new client's invitation: a packet of the practice's current templates
 * and an optional due date. Nothing shows when the practice has no templates.
 */
export function ShareOnCreateFields({
  chosen,
  onChosen,
  dueDate,
  onDueDate,
  errors,
  clearError,
}: ShareOnCreateFieldsProps) {
  const templates = useTemplates(false);
  if (templates.error) return <ErrorAlert error={templates.error} title="Could not load the documents" />;
  if (!templates.data) return <Loader size="sm" aria-label="Loading documents" />;
  if (templates.data.length === 0) return null;
  const clearTemplateErrors = () =>
    Object.keys(errors)
      .filter((k) => k.startsWith(`${field}.templateIds`))
      .forEach(clearError);
  return (
    <Stack gap="sm">
      <PacketPicker
        label="Documents to complete (optional)"
        description="Shared with the invitation. The welcome email says documents are waiting, never what they are."
        templates={templates.data}
        chosen={chosen}
        onChange={(next) => {
          onChosen(next);
          clearTemplateErrors();
        }}
        error={templatesError(errors)}
      />
      {chosen.length > 0 ? (
        <TextInput
          type="date"
          label="Due date (optional)"
          value={dueDate}
          onChange={(e) => {
            onDueDate(e.currentTarget.value);
            clearError(`${field}.dueDate`);
          }}
          error={sentence(errors[`${field}.dueDate`])}
          w={220}
        />
      ) : null}
    </Stack>
  );
}
