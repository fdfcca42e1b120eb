import type { UserConfig } from "vite";

export declare const DEFAULT_API_URL: string;
export declare function defaultHarnessPort(name: string): number;
export declare function harnessApi(env?: Record<string, string | undefined>): { target: string; origin: string };
export declare function sectionDevConfig(devDirUrl: string, port?: number): UserConfig;
