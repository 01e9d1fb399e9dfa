/**
 * Heights on Messages: the panes fill the window below the header and the title row, and scroll
 * inside, so the composer stays in view.
 */
const paneHeight = 'calc(100dvh - 60px - 2 * var(--mantine-spacing-lg) - 60px)';

/** The conversation list's scrolling part (the pane less its search box). */
export const conversationListHeight = `calc(${paneHeight} - 60px)`;

/** The open conversation's history (the pane less its title bar and the composer). */
export const messagesHistoryHeight = `max(260px, calc(${paneHeight} - 320px))`;
