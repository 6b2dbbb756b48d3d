import type { z } from "zod";
import type { SlugAvailabilitySchema, StartedTenantSchema } from "../../../workers/contracts/start";
import { apiFetch } from "../shared/api";

export type StartedTenant = z.infer<typeof StartedTenantSchema>;
type SlugAvailability = z.infer<typeof SlugAvailabilitySchema>;

export type StartForm = {
	company: string;
	email: string;
	slug: string;
	timezone: string;
	currency: string;
	kind: "courier" | "field_service";
};

export const postStart = (form: StartForm, locale: string) =>
	apiFetch<{ ok: true }>("/api/start", { method: "POST", body: JSON.stringify({ ...form, locale }) });

export const consumeStart = (token: string) =>
	apiFetch<StartedTenant>("/api/start/consume", { method: "POST", body: JSON.stringify({ token }) });

export const checkSlug = (slug: string, signal: AbortSignal) =>
	apiFetch<SlugAvailability>(`/api/start/slug?slug=${encodeURIComponent(slug)}`, { signal });
