DROP TABLE login_throttle;
DROP TABLE sessions;
DROP TABLE role_grants;
DROP TABLE users;
DROP TABLE unit_events;
DROP TABLE unit_closure;
DROP TABLE units;
