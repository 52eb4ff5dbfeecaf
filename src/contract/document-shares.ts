import { z } from 'zod';
import { LocalizedTextSchema } from './common.js';
import { OutcomeDocumentParamsSchema } from './outcome-documents.js';
import { PartnerSlugSchema } from './partners.js';

/** Outcome documents shared with strategic partners (issue 13): a text not yet adopted is read by a
 * partner organisation only while the secretariat shares it with that partner. */

export const DocumentShareSchema = z
  .object({
    partner: z.object({ slug: z.string(), name: LocalizedTextSchema }),
    sharedAt: z.string(),
  })
  .meta({ id: 'DocumentShare' });
export type DocumentShare = z.infer<typeof DocumentShareSchema>;

export const DocumentShareListSchema = z
  .object({ items: z.array(DocumentShareSchema) })
  .meta({ id: 'DocumentShareList', description: 'The partners the document is shared with' });
export type DocumentShareList = z.infer<typeof DocumentShareListSchema>;

export const DocumentShareParamsSchema = OutcomeDocumentParamsSchema.extend({ partner: PartnerSlugSchema });
