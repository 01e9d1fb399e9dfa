import { Button } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useMatch } from 'react-router';

interface HeaderLinkProps {
  to: string;
  children: ReactNode;
  icon?: ReactNode;
}

/** A top-navigation link; the current section is highlighted and marked aria-current. */
export function HeaderLink({ to, children, icon }: HeaderLinkProps) {
  const active = useMatch({ path: to, end: false }) !== null;
  return (
    <Button
      component={Link}
      to={to}
      variant={active ? 'light' : 'subtle'}
      color={active ? 'portico' : 'gray'}
      leftSection={icon}
      aria-current={active ? 'page' : undefined}
      fw={600}
    >
      {children}
    </Button>
  );
}
