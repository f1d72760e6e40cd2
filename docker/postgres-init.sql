-- The gateway's own store lives beside the fagsystem on the same server here; in production it is its own database.
CREATE DATABASE gateway OWNER gateway;
