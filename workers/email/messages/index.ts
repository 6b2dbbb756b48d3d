import type { Locale } from "../../../schema/locales";
import en from "./compiled/en.js";
import es from "./compiled/es.js";
import type { MessageKey, MessageParams, Messages } from "./compiled/messages";

const CATALOGS: Record<Locale, Messages> = { en, es };

type Args<K extends MessageKey> = MessageParams[K] extends undefined ? [] : [params: MessageParams[K]];

/** An email's text in one language: `t("email.signIn.subject", { tenant })`. */
export type EmailText = <K extends MessageKey>(key: K, ...args: Args<K>) => string;

export function emailText(locale: Locale): EmailText {
	const messages = CATALOGS[locale];
	return (key, ...args) => (messages[key] as (params: unknown) => string)(args[0]);
}
