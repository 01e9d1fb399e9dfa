import { usePageTitle } from '../../../common/use-page-title.js';
import { AuthLayout } from '../../common/AuthLayout.js';
import { PracticeForm } from './PracticeForm.js';
import { useCreatePractice } from './setup.queries.js';

/** First run: no practice exists yet. */
export function SetupPage() {
  usePageTitle('Create your practice');
  const create = useCreatePractice('setup');
  return (
    <AuthLayout
      wide
      title="Create your practice"
      subtitle="Welcome to Portico. Set up your practice and your owner account to get started."
    >
      <PracticeForm
        submitLabel="Create practice"
        pending={create.isPending}
        error={create.error}
        onSubmit={create.mutate}
      />
    </AuthLayout>
  );
}
