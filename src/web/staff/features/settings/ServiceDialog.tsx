import { Checkbox, Group, NumberInput, Stack, Switch, TextInput } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { serviceInput, type SchedulingSettings, type Service } from '../../../../shared/schemas/scheduling.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { useSaveService } from './scheduling.queries.js';
import { SettingsFormDialog } from './SettingsFormDialog.js';

/** Add service / Edit service: name, CPT code, duration, default fee, online requests and who offers it. */
export function ServiceDialog({
  service,
  clinicians,
  onClose,
}: {
  service: Service | null;
  clinicians: SchedulingSettings['clinicians'];
  onClose: () => void;
}) {
  const [name, setName] = useState(service?.name ?? '');
  const [cptCode, setCptCode] = useState(service?.cptCode ?? '');
  const [duration, setDuration] = useState<number | string>(service?.durationMinutes ?? 50);
  const [fee, setFee] = useState<number | string>(service ? service.feeMinor / 100 : 0);
  const [online, setOnline] = useState(service?.onlineRequests ?? false);
  const [offeredBy, setOfferedBy] = useState<string[]>(service?.clinicianIds ?? []);
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const save = useSaveService();

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = serviceInput.safeParse({
      name,
      cptCode: cptCode.trim().toUpperCase(),
      durationMinutes: typeof duration === 'number' ? duration : Number.NaN,
      feeMinor: typeof fee === 'number' ? Math.round(fee * 100) : Number.NaN,
      onlineRequests: online,
      clinicianIds: offeredBy,
    });
    setClientErrors(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    save.mutate({ id: service?.id ?? null, body: parsed.data }, { onSuccess: onClose });
  };

  const errors = { ...fieldErrorsOf(save.error), ...clientErrors };
  return (
    <SettingsFormDialog
      title={service ? 'Edit service' : 'Add service'}
      submitLabel={service ? 'Save service' : 'Add service'}
      pending={save.isPending}
      error={save.error}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <TextInput
        label="Name"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={sentence(errors.name)}
        data-autofocus
      />
      <Group grow align="flex-start" wrap="wrap">
        <TextInput
          label="CPT code (optional)"
          placeholder="90834"
          value={cptCode}
          onChange={(e) => setCptCode(e.currentTarget.value)}
          error={sentence(errors.cptCode)}
          miw={140}
        />
        <NumberInput
          label="Duration (minutes)"
          required
          min={5}
          max={720}
          step={5}
          value={duration}
          onChange={setDuration}
          error={sentence(errors.durationMinutes)}
          miw={140}
        />
        <NumberInput
          label="Default fee"
          min={0}
          decimalScale={2}
          fixedDecimalScale
          value={fee}
          onChange={setFee}
          error={sentence(errors.feeMinor)}
          miw={140}
        />
      </Group>
      <Switch
        label="Clients may request it online"
        description="Offered in the Client Portal's Request appointment, where the practice allows requests."
        checked={online}
        onChange={(e) => setOnline(e.currentTarget.checked)}
      />
      <Checkbox.Group
        label="Offered by"
        description="The clinicians who provide this service."
        value={offeredBy}
        onChange={setOfferedBy}
        error={sentence(Object.entries(errors).find(([field]) => field.startsWith('clinicianIds'))?.[1])}
      >
        <Stack gap={6} mt={6}>
          {clinicians.map((clinician) => (
            <Checkbox key={clinician.id} value={clinician.id} label={clinician.name} />
          ))}
        </Stack>
      </Checkbox.Group>
    </SettingsFormDialog>
  );
}
