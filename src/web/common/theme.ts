import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** A calm green-teal. Shade 8 (the filled colour) keeps 5.8:1 contrast with white text. */
const portico: MantineColorsTuple = [
  '#e6f7f3',
  '#cdeee6',
  '#9fdccd',
  '#6dc9b3',
  '#45b89d',
  '#2aa78b',
  '#1a967c',
  '#12846d',
  '#0e735f',
  '#0a5e4e',
];

export const theme = createTheme({
  primaryColor: 'portico',
  primaryShade: { light: 8, dark: 6 },
  colors: { portico },
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  headings: {
    fontWeight: '650',
    sizes: {
      h1: { fontSize: '1.75rem', lineHeight: '1.25' },
      h2: { fontSize: '1.25rem', lineHeight: '1.35' },
      h3: { fontSize: '1.05rem', lineHeight: '1.4' },
    },
  },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
    Card: { defaultProps: { radius: 'md' } },
    // Required fields carry `required` (announced by screen readers) but no visible asterisk, so a
    // label reads exactly "First name"; optional fields say "Optional" in their description.
    TextInput: { defaultProps: { radius: 'md', withAsterisk: false } },
    PasswordInput: { defaultProps: { radius: 'md', withAsterisk: false } },
    Select: { defaultProps: { radius: 'md', withAsterisk: false } },
    // Accessibility defaults: named close buttons, no second "banner" landmark inside dialogs,
    // and notification text at AA contrast.
    ModalHeader: { defaultProps: { component: 'div' } },
    ModalCloseButton: { defaultProps: { 'aria-label': 'Close' } },
    DrawerHeader: { defaultProps: { component: 'div' } },
    DrawerCloseButton: { defaultProps: { 'aria-label': 'Close' } },
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    },
  },
});

/** Raises the default dimmed, error and placeholder colours to WCAG AA contrast. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636b',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-anchor': 'var(--mantine-color-portico-8)',
  },
  dark: {},
});
