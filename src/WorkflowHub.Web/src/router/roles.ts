/**
 * Role lists for routes and menu entries of feature folders. Kept apart from menu.ts, which imports the feature
 * folders' route files, so those files can name roles without an import cycle.
 */
export const Administrator = 'Administrator'

/** The API's "Operators" policy: who reads the outbox and the templates. */
export const Operators = [Administrator, 'Dispatcher', 'Supervisor', 'Leader'] as const

