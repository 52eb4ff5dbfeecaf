import { DeniedError, NotFoundError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import type { DelegationsService } from './service.js';

/**
 * Whether the reader's state has a delegation at the meeting, as the delegations area's own read
 * answers it for the reader: how a state comes to read an outcome document still negotiated.
 */
export const stateDelegationAt =
  (delegations: DelegationsService) =>
  async (ctx: RequestContext, meetingSlug: string): Promise<boolean> => {
    try {
      const list = await delegations.list(ctx, meetingSlug, { category: 'delegation' });
      return list.items.some((d) => d.memberState !== null);
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof DeniedError) return false;
      throw error;
    }
  };
