import Image from "next/image";
import type { ReactNode } from "react";
import { MAIN_ID } from "@/components/shell/main-id";
import { getPlatformConfig } from "@/lib/config";

export default function AuthLayout({ children }: { children: ReactNode }) {
  const { name, logoUrl } = getPlatformConfig();
  return (
    <main id={MAIN_ID} className="flex flex-1 flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2.5">
        <Image src={logoUrl} alt="" width={36} height={36} priority />
        <span className="text-xl font-semibold tracking-tight">{name}</span>
      </div>
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        {children}
      </div>
    </main>
  );
}
