import { z } from 'zod';

const uuid = z.uuid();

/** Every id Timebox hands out is a UUID: anything else names nothing, so it is looked up nowhere (and never reaches SQL as a cast error). */
export const isUuid = (value: string): boolean => uuid.safeParse(value).success;
