import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { HANDOFFS, handoffs, type HandoffsAnswer } from '@leadger/projections';
import { ReadModels } from '../read-models';
import type { HandoffsQueryDto } from './handoffs-query.dto';

export class GetHandoffs extends Query<HandoffsAnswer> {
  constructor(readonly query: HandoffsQueryDto) {
    super();
  }
}

@QueryHandler(GetHandoffs)
export class GetHandoffsHandler implements IQueryHandler<GetHandoffs, HandoffsAnswer> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ query: { after, status, ...filters } }: GetHandoffs): Promise<HandoffsAnswer> {
    return this.readModels.read([HANDOFFS], after, (store) =>
      handoffs(store, { ...filters, decision: status }),
    );
  }
}
