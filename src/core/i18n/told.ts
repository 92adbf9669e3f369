/**
 * A sentence for the sidebar, not yet in words: a key of the sidebar's catalogue (en/sidebar.ts) and its values. The
 * server and core's data check say what they found as a Told; the sidebar puts it in words in the language it shows
 * (client/language.ts tell), so its language switch redraws them too.
 */
import type { SidebarKey, sidebar as english } from './en/sidebar';
import type { ParamsOf } from './format';
import type { Message, MessageValue } from './said';

export type Told = Message<SidebarKey>;
export type ToldValue = MessageValue<SidebarKey>;

/** A Told, its parameters checked by the typecheck against the English message's {placeholders}. */
export function told<K extends SidebarKey>(key: K, ...params: ParamsOf<(typeof english)[K], ToldValue>): Told {
  return { key, params: params[0] ?? {} };
}

/** "a and b", "a, b and c", in the sidebar's list words ('' for none). */
export function listTold(items: readonly ToldValue[]): ToldValue {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return told('list.two', { first: items[0], second: items[1] });
  return told('list.more', { first: items[0], rest: listTold(items.slice(1)) });
}
