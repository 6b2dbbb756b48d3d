import { isNull } from "drizzle-orm";
import { tenants } from "../../../schema/tables/tenants";

/**
 * The condition every tenant lookup carries: a suspended tenant is answered as one that does not
 * exist (404) on every audience — portal, console, technician app, branding, manifests, tracking
 * links — so a suspension is one rule, not a check per route.
 */
export const openTenant = () => isNull(tenants.suspendedAt);
