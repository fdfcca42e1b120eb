import type { UserConfig } from "vite";

export declare function sectionDevConfig(devDirUrl: string, port: number): UserConfig;
