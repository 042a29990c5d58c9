/** What the composition root registers for this module: its entities and its migrations, in order. */
export const notificationsPersistence = {
  entities: [] as Array<new () => unknown>,
  migrations: [] as Array<new () => unknown>,
};
