import type { FastifyReply } from 'fastify';

/** A 201 with what `work` made. */
export const created = async <T>(reply: FastifyReply, work: Promise<T>) => reply.status(201).send(await work);

/** A 204 once `work` is done: the answer to a removal. */
export const noContent = async (reply: FastifyReply, work: Promise<unknown>) => {
  await work;
  return reply.status(204).send(null);
};
