/** A user disabled by the platform (`banned`), for good or until a time still ahead (`banExpires`). */
export function isDisabled(user: { banned?: unknown; banExpires?: unknown }): boolean {
  if (!user.banned) return false;
  if (user.banExpires === null || user.banExpires === undefined) return true;
  const until = user.banExpires instanceof Date ? user.banExpires : new Date(String(user.banExpires));
  return Number.isNaN(until.getTime()) || until.getTime() > Date.now();
}
