// Normalizers from the panels' raw answers (schemas.ts) into the domain types of src/shared/domain.ts,
// one module per family: scalar values, dates, account and services, billing.
export * from './normalize/values';
export * from './normalize/dates';
export * from './normalize/service';
export * from './normalize/billing';
