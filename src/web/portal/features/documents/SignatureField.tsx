import { Box, Button, Checkbox, Fieldset, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import SignaturePad from 'signature_pad';
import type { SignatureAnswer, SignatureMethod } from '../../../../shared/schemas/document-templates.js';
import { QuestionLegend } from './QuestionLegend.js';

interface SignatureFieldProps {
  label: string;
  help?: string;
  required: boolean;
  value: SignatureAnswer | null;
  onChange: (value: SignatureAnswer | null) => void;
  /** Leaving the field (a name typed, a stroke drawn, the consent ticked): the draft is saved at once. */
  onCommit: () => void;
  error?: string;
  defaultName: string;
}

/**
 * A signature: drawn with a finger, stylus or mouse (signature_pad), or typed — the way to sign by
 * keyboard — with the signer's full name and their consent to sign electronically, which the
 * server requires before it counts the signature.
 */
export function SignatureField({
  label,
  help,
  required,
  value,
  onChange,
  onCommit,
  error,
  defaultName,
}: SignatureFieldProps) {
  const id = useId();
  const method: SignatureMethod = value?.method ?? 'drawn';
  const signerName = value?.signerName ?? defaultName;
  const consent = value?.consentToSign ?? false;
  const image = value?.method === 'drawn' ? value.image : null;

  const update = (next: {
    method?: SignatureMethod;
    signerName?: string;
    image?: string | null;
    consent?: boolean;
  }) => {
    const m = next.method ?? method;
    const name = next.signerName ?? signerName;
    const agreed = next.consent ?? consent;
    const drawing = next.image === undefined ? image : next.image;
    if (m === 'typed') onChange({ method: 'typed', signerName: name, consentToSign: agreed });
    else if (drawing) onChange({ method: 'drawn', signerName: name, image: drawing, consentToSign: agreed });
    // A drawn signature without a drawing is no signature yet.
    else onChange(null);
  };

  return (
    <Fieldset
      legend={<QuestionLegend label={label} required={required} />}
      radius="md"
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? true : undefined}
      data-question-error={error ? true : undefined}
    >
      <Stack gap="md">
        {help ? (
          <Text size="sm" c="dark.6" className="portal-break">
            {help}
          </Text>
        ) : null}
        <TextInput
          label="Your full name"
          required
          value={signerName}
          autoComplete="name"
          onChange={(event) => update({ signerName: event.currentTarget.value })}
          onBlur={onCommit}
        />
        <Radio.Group
          label="How would you like to sign?"
          value={method}
          onChange={(next) => {
            update({ method: next });
            onCommit();
          }}
        >
          <Group gap="lg" mt={6}>
            <Radio value="drawn" label="Draw my signature" />
            <Radio value="typed" label="Type my name" />
          </Group>
        </Radio.Group>
        {method === 'drawn' ? (
          <DrawingPad
            image={image}
            onDrawn={(dataUrl) => {
              update({ image: dataUrl });
              onCommit();
            }}
          />
        ) : (
          <Box
            p="md"
            style={{
              border: '1px solid var(--mantine-color-gray-4)',
              borderRadius: 'var(--mantine-radius-md)',
              background: 'var(--mantine-color-white)',
            }}
          >
            <Text size="xs" c="dark.6">
              Your typed signature
            </Text>
            <Text
              fz={28}
              className="portal-break"
              style={{ fontFamily: '"Segoe Script", "Brush Script MT", "URW Chancery L", cursive' }}
            >
              {signerName.trim() || '\u00a0'}
            </Text>
          </Box>
        )}
        <Checkbox
          checked={consent}
          onChange={(event) => {
            update({ consent: event.currentTarget.checked });
            onCommit();
          }}
          label="I agree to sign this document electronically. My electronic signature has the same effect as my handwritten one."
        />
        {error ? (
          <Text id={`${id}-error`} c="red.8" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
    </Fieldset>
  );
}

/** The drawing area: a canvas sized to its box and the screen's pixel density, and a Clear button. */
function DrawingPad({ image, onDrawn }: { image: string | null; onDrawn: (dataUrl: string | null) => void }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const onDrawnRef = useRef(onDrawn);
  useEffect(() => {
    onDrawnRef.current = onDrawn;
  }, [onDrawn]);
  const initialImage = useRef(image);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { penColor: '#111', backgroundColor: 'rgba(0,0,0,0)' });
    padRef.current = pad;
    const resize = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const kept = pad.isEmpty() ? null : pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      if (kept) pad.fromData(kept);
    };
    resize();
    // A drawing saved in the draft shows again when the client resumes.
    if (initialImage.current)
      void pad.fromDataURL(initialImage.current, { width: canvas.offsetWidth, height: canvas.offsetHeight });
    const ended = () => onDrawnRef.current(pad.isEmpty() ? null : pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', ended);
    window.addEventListener('resize', resize);
    return () => {
      pad.removeEventListener('endStroke', ended);
      window.removeEventListener('resize', resize);
      pad.off();
    };
  }, []);

  return (
    <Stack gap={6}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label="Signature drawing area. Draw with your finger, a stylus or the mouse; to sign with the keyboard, choose Type my name."
        style={{
          width: '100%',
          height: 160,
          touchAction: 'none',
          border: '1px dashed var(--mantine-color-gray-5)',
          borderRadius: 'var(--mantine-radius-md)',
          background: 'var(--mantine-color-white)',
        }}
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dark.6">
          Sign inside the box.
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => {
            padRef.current?.clear();
            onDrawn(null);
          }}
        >
          Clear
        </Button>
      </Group>
    </Stack>
  );
}
