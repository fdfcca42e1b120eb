import { z } from "zod";
import { urlOf } from "./rules";

export const DEFAULT_MAIL_FROM = "Homebase <no-reply@homebase.local>";

/**
 * Outgoing e-mail (the worker sends it):
 * - `SMTP_URL`: `smtp://user:pass@host:587` or `smtps://…`; unset, mail is written as .eml
 *   files to DATA_DIR/outbox;
 * - `MAIL_FROM` (`Homebase <no-reply@homebase.local>`): the sender of every e-mail.
 */
export const mailEnv = {
  SMTP_URL: urlOf(/^smtps?$/, "an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587").optional(),
  MAIL_FROM: z
    .string()
    .min(3, { error: "must be a sender such as Homebase <no-reply@example.com>" })
    .default(DEFAULT_MAIL_FROM),
};
