import { SegmentedControl, Textarea, TextInput } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { locationInput, type Location } from '../../../../shared/schemas/scheduling.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { useSaveLocation } from './scheduling.queries.js';
import { SettingsFormDialog } from './SettingsFormDialog.js';

/** Add location / Edit location: an office with its address, or Telehealth with an optional default video link. */
export function LocationDialog({ location, onClose }: { location: Location | null; onClose: () => void }) {
  const [kind, setKind] = useState<Location['kind']>(location?.kind ?? 'in_person');
  const [name, setName] = useState(location?.name ?? '');
  const [address, setAddress] = useState(location?.address ?? '');
  const [videoLink, setVideoLink] = useState(location?.videoLink ?? '');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const save = useSaveLocation();

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = locationInput.safeParse(
      kind === 'in_person' ? { kind, name, address } : { kind, name: name || 'Telehealth', videoLink },
    );
    setClientErrors(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    save.mutate({ id: location?.id ?? null, body: parsed.data }, { onSuccess: onClose });
  };

  const errors = { ...fieldErrorsOf(save.error), ...clientErrors };
  return (
    <SettingsFormDialog
      title={location ? 'Edit location' : 'Add location'}
      submitLabel={location ? 'Save location' : 'Add location'}
      pending={save.isPending}
      error={save.error}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <SegmentedControl
        aria-label="Kind of location"
        value={kind}
        onChange={(value) => setKind(value === 'telehealth' ? 'telehealth' : 'in_person')}
        data={[
          { value: 'in_person', label: 'In person' },
          { value: 'telehealth', label: 'Telehealth' },
        ]}
      />
      <TextInput
        label="Name"
        required
        placeholder={kind === 'telehealth' ? 'Telehealth' : 'Main office'}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={sentence(errors.name)}
        data-autofocus
      />
      {kind === 'in_person' ? (
        <Textarea
          label="Address"
          required
          autosize
          minRows={2}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={sentence(errors.address)}
        />
      ) : (
        <TextInput
          label="Default video link (optional)"
          description="Used when an appointment has no link of its own. Portico has no built-in video."
          placeholder="https://"
          value={videoLink}
          onChange={(e) => setVideoLink(e.currentTarget.value)}
          error={sentence(errors.videoLink)}
        />
      )}
    </SettingsFormDialog>
  );
}
