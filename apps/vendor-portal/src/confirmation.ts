import type { FastifyReply, FastifyRequest } from 'fastify';
import { addTranslations } from '@ocop/core';

addTranslations({
  vi: { 'vendorConfirm.cannotUndo': 'Không thể hoàn tác.', 'vendorConfirm.back': 'Quay lại, không làm gì' },
  en: { 'vendorConfirm.cannotUndo': 'This cannot be undone.', 'vendorConfirm.back': 'Go back without doing it' },
  de: { 'vendorConfirm.cannotUndo': 'Das lässt sich nicht rückgängig machen.', 'vendorConfirm.back': 'Zurück, ohne etwas zu tun' },
  id: { 'vendorConfirm.cannotUndo': 'Ini tidak dapat dibatalkan.', 'vendorConfirm.back': 'Kembali tanpa melakukannya' },
});

/** What a confirmation page says and where its one button leads. */
export interface Confirmation {
  /** The question, e.g. "Remove Minh from your staff?". */
  title: string;
  /** The thing it is about, in a line of its own (name, date, amount). */
  subject?: string;
  /** What will happen, one fact a line, with the real counts. */
  lines: string[];
  /** Whether the page ends with "This cannot be undone." */
  final?: boolean;
  /** The form posting `confirm=1` (and `fields`) to `action`. */
  action: string;
  fields?: { name: string; value: string }[];
  button: string;
  /** Where "go back" leads. */
  back: string;
}

/**
 * Answers the page asking to confirm an action that cannot be taken back lightly: what it is
 * about, what will happen, and a button that posts the same form again with `confirm=1`.
 */
export function sendConfirmation(req: FastifyRequest, reply: FastifyReply, c: Confirmation) {
  return req.server.ocopViews!.send(req, reply, 'confirm', { fields: [], final: false, ...c });
}
