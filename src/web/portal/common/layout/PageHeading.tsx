import { Title, type TitleProps } from '@mantine/core';
import { useEffect, useRef } from 'react';

interface PageHeadingProps extends Omit<TitleProps, 'order'> {
  /** Move focus here when shown, so screen readers announce a changed view. */
  focusOnMount?: boolean;
}

/** The page's one h1; it can take focus (tabIndex -1) when the view changes. */
export function PageHeading({ focusOnMount = false, children, ...props }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <Title order={1} ref={ref} tabIndex={-1} data-page-heading size="h2" {...props}>
      {children}
    </Title>
  );
}
