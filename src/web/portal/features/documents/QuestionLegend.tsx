import { Text } from '@mantine/core';

/** A grouped question's legend: its label, with a star (hidden from screen readers, which hear "required") when it must be answered. */
export function QuestionLegend({ label, required }: { label: string; required: boolean }) {
  return (
    <Text fw={600} component="span" className="portal-break">
      {label}
      {required ? (
        <Text component="span" c="red.8" aria-hidden>
          {' '}
          *
        </Text>
      ) : null}
    </Text>
  );
}
