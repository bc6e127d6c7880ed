import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { HANDOFFS, handoffsSummary, type HandoffsSummaryAnswer } from '@leadger/projections';
import { ReadModels } from '../read-models';

export class GetHandoffsSummary extends Query<HandoffsSummaryAnswer> {
  constructor(readonly after: string | undefined) {
    super();
  }
}

@QueryHandler(GetHandoffsSummary)
export class GetHandoffsSummaryHandler implements IQueryHandler<GetHandoffsSummary, HandoffsSummaryAnswer> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ after }: GetHandoffsSummary): Promise<HandoffsSummaryAnswer> {
    return this.readModels.read([HANDOFFS], after, (store) => handoffsSummary(store));
  }
}
