import { IconFileText } from '@tabler/icons-react';
import { portalPaths } from '../../common/paths.js';
import { useToCompleteCount } from '../documents/index.js';
import { HomeTile } from './HomeTile.js';

/** "2 documents to complete", "1 document to complete", "Nothing to complete". */
export function toCompleteLabel(count: number): string {
  if (count === 0) return 'Nothing to complete';
  return `${count} ${count === 1 ? 'document' : 'documents'} to complete`;
}

/** Home's Documents tile: how many forms and consents wait for the client, and the way to them. */
export function DocumentsCard({ practice }: { practice: { name: string; slug: string } }) {
  const toComplete = useToCompleteCount(practice.slug);
  return (
    <HomeTile
      title="Documents"
      icon={<IconFileText size={26} stroke={1.7} />}
      count={toComplete.data}
      label={toCompleteLabel}
      waitingText={
        <>
          <bdi>{practice.name}</bdi> has asked you to fill in or sign documents.
        </>
      }
      idleText="Forms and consents from your practice, and your completed copies."
      to={portalPaths.documents(practice.slug)}
      action="Open documents"
    />
  );
}
