/** English. Same keys as zh-CN.ts. */
export default {
  app: { title: 'WorkflowHub Grid Management', subtitle: 'Civilized-city grid management workflows' },
  common: {
    loading: 'Loading…', empty: 'Nothing here yet', save: 'Save', cancel: 'Cancel', confirm: 'OK', delete: 'Delete', add: 'Add',
    edit: 'Edit', close: 'Close', refresh: 'Refresh', back: 'Back', search: 'Search', yes: 'Yes', no: 'No', actions: 'Actions',
    version: 'Version', name: 'Name', key: 'Key', updatedAt: 'Updated', updatedBy: 'Updated by', retry: 'Retry',
  },
  menu: { home: 'Home', designer: 'Flow designer', forms: 'Forms' },
  layout: { language: 'Language', signOut: 'Sign out', roles: 'Roles', noRoles: 'no roles' },
  roles: { Administrator: 'Administrator', Dispatcher: 'Dispatcher', Supervisor: 'Supervisor', Leader: 'Leader', Staff: 'Staff' },
  signIn: {
    title: 'Sign in', userName: 'User name', password: 'Password', submit: 'Sign in', userNameRequired: 'Enter your user name',
    passwordRequired: 'Enter your password', failed: 'Wrong user name or password, or the account is locked (5 wrong passwords lock it for 15 minutes).',
  },
  home: { welcome: 'Welcome, {name}', hint: 'Pick what you want to do from the menu.', noMenu: 'Your roles give you no pages yet; ask an administrator for a role.' },
  notFound: { title: 'Page not found', back: 'Back to the start page' },
  errors: {
    network: 'The server cannot be reached; check the network and try again.',
    400: 'The input is not valid', 401: 'Your session has ended; sign in again', 403: 'You may not do this', 404: 'Not found',
    409: 'Someone changed it meanwhile, or it exists already', 413: 'Too large', 415: 'Unsupported format', 429: 'Too many requests; try again later',
    500: 'Server error', generic: 'The action failed', field: 'Field “{field}”: {message}', line: 'line {line}, column {column}',
    antiforgery: 'The page’s security token expired; reload the page and try again.',
  },
  leave: { title: 'Unsaved changes', message: 'You have unsaved changes. Leave anyway?', stay: 'Stay', leave: 'Leave' },
}
