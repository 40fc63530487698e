-- The cluster's leases (src/server/cluster/lease.rs): the node that holds a
-- lease row leads until expires_at, and each taking raises its epoch. A
-- fenced store's commits check the row (PostgresStore::fence).
CREATE TABLE huddle_lease (
    name text PRIMARY KEY,
    holder text NOT NULL,
    epoch bigint NOT NULL,
    expires_at timestamptz NOT NULL);
