import type { Metadata } from 'next';
import { AdminPageHeader } from '@/components/admin/admin-page-header';
import { Forbidden } from '@/components/shell/forbidden';
import { LocalTime } from '@/components/ui/time';
import { UserStatusButton } from '@/components/users/user-status-button';
import { portalPage } from '@/lib/http/page-prelude';
import { listUsers } from '@/lib/services/identity/manage-users';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

export default async function Page() {
  const page = await portalPage('portal.admin');
  if (!page) return <Forbidden what="Users" />;
  const users = await listUsers(page.deps, page.ctx);

  return (
    <>
      <AdminPageHeader
        title="Users"
        description="Everyone with an account. Disabling a user offboards them: every live grant ends at once, pending requests are withdrawn, their approvals stop counting, and their tokens and sessions stop working."
      />
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2">User</th>
              <th scope="col" className="px-4 py-2">Role</th>
              <th scope="col" className="px-4 py-2">Source</th>
              <th scope="col" className="px-4 py-2">Live grants</th>
              <th scope="col" className="px-4 py-2">Last sign-in</th>
              <th scope="col" className="px-4 py-2">Status</th>
              <th scope="col" className="px-4 py-2 text-right">Action</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-${u.email}`}>
                <td className="px-4 py-2">
                  <div className="font-medium">{u.name}</div>
                  <div className="text-slate-600">{u.email}</div>
                </td>
                <td className="px-4 py-2">{u.role}</td>
                <td className="px-4 py-2">{u.source}</td>
                <td className="px-4 py-2">{u.liveGrants}</td>
                <td className="px-4 py-2">{u.lastLoginAt ? <LocalTime iso={u.lastLoginAt} /> : 'never'}</td>
                <td className="px-4 py-2">{u.disabledAt ? <span className="text-red-800">disabled</span> : 'active'}</td>
                <td className="px-4 py-2 text-right">
                  {u.id === page.ctx.actor.id ? <span className="text-slate-500">you</span> : <UserStatusButton userId={u.id} email={u.email} disabled={u.disabledAt !== null} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
