import type { DateTimeFormat } from '../../../shared/date-time-format.js';
import type { Scope } from '../../platform/request-context.js';

export async function savePracticeDateTimeFormat(scope: Scope, format: DateTimeFormat): Promise<void> {
  await scope.db
    .updateTable('practices')
    .set({ date_order: format.dateOrder, clock: format.clock })
    .where('id', '=', scope.practiceId)
    .execute();
}
