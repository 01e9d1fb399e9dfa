import { Button, Group, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../../common/ErrorAlert.js';

interface ScopeQuestionProps {
  question: string;
  pending: boolean;
  error: unknown;
  onBack: () => void;
  onChoose: (scope: 'this' | 'following') => void;
}

/** A change to an appointment of a series: "This appointment" or "This and following". */
export function ScopeQuestion({ question, pending, error, onBack, onChoose }: ScopeQuestionProps) {
  return (
    <Stack gap="md" role="group" aria-label="Which appointments of the series">
      <ErrorAlert error={error} title="Could not save" />
      <Text>{question}</Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onBack} disabled={pending}>
          Back
        </Button>
        <Button variant="light" onClick={() => onChoose('this')} loading={pending} data-autofocus>
          This appointment
        </Button>
        <Button onClick={() => onChoose('following')} loading={pending}>
          This and following
        </Button>
      </Group>
    </Stack>
  );
}
