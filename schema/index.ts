export * from "./tables/accounts";
export * from "./tables/activity";
export * from "./tables/auth";
export * from "./tables/billing";
export * from "./tables/idempotency";
export * from "./tables/jobs";
export * from "./tables/staff";
export * from "./tables/tenants";
