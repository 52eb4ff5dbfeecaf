import type { en } from './en.js';

/** Every key of the server's catalogs; a key that is not in en.ts does not compile. */
export type MessageKey = keyof typeof en;

/** The keys the contract's schemas name through `reason()` (src/contract/common.ts). */
export type ReasonKey = Extract<MessageKey, `reason.${string}`>;

/** The names of the {placeholders} of a text. */
type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values a message needs: one per placeholder of its English text, none when it has none. */
export type MessageValues<Key extends MessageKey> = Key extends MessageKey
  ? [Placeholders<(typeof en)[Key]>] extends [never]
    ? Record<string, never>
    : { readonly [Name in Placeholders<(typeof en)[Key]>]: string | number }
  : never;

/** The arguments after a key: its values, which may be left out when the message has none. */
export type ValuesArgument<Key extends MessageKey> = Key extends MessageKey
  ? [Placeholders<(typeof en)[Key]>] extends [never]
    ? [values?: MessageValues<Key>]
    : [values: MessageValues<Key>]
  : never;

/** A problem document's key: `<key>.title` and `<key>.detail` are both messages. */
export type ProblemKey = {
  [Key in MessageKey]: Key extends `${infer Base}.title` ? (`${Base}.detail` extends MessageKey ? Base : never) : never;
}[MessageKey];
