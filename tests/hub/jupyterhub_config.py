# JupyterHub configuration for the opt-in multi-user check (`make test-hub`, docs/hub.md).
#
# tests/hub/test_hub.py starts `jupyterhub -f tests/hub/jupyterhub_config.py` with the
# settings below in the environment. Everything listens on 127.0.0.1 on random ports.
# It is a test harness, not a production configuration: no TLS, a throwaway database,
# a service token made up by the test. docs/hub.md says what a real hub needs instead.
import os


def configure(c, env) -> None:
    """Apply the settings; ``env`` holds what the test chose (ports, paths, users, token)."""
    state = env["NAM_HUB_STATE"]  # a fresh temporary folder for the database, secrets and logs

    # Network: the public proxy, its API and the hub, all on loopback.
    c.JupyterHub.ip = "127.0.0.1"
    c.JupyterHub.port = int(env["NAM_HUB_PORT"])
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = int(env["NAM_HUB_HUB_PORT"])
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['NAM_HUB_PROXY_API_PORT']}"
    c.ConfigurableHTTPProxy.command = [env["NAM_HUB_PROXY_CMD"]]  # configurable-http-proxy from npm, in build/
    c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")

    # State in the temporary folder only.
    c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
    c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True

    # Users: real system accounts (created by the test), each server started as that user in
    # their own home folder by the LocalProcessSpawner. The dummy authenticator only matters
    # for the login form, which the test does not use; its password is random.
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = env["NAM_HUB_LOGIN_PASSWORD"]
    c.Authenticator.allowed_users = set(env["NAM_HUB_USERS"].split(","))
    c.JupyterHub.spawner_class = "localprocess"
    c.Spawner.cmd = [env["NAM_HUB_SINGLEUSER"]]  # jupyterhub-singleuser of the hub's environment
    c.Spawner.ip = "127.0.0.1"
    c.Spawner.notebook_dir = "~"  # each user's server sees their own home folder, nothing else
    c.Spawner.default_url = "/lab"
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 120

    # The test talks to the hub as a service with its own token.
    c.JupyterHub.services = [{"name": "nam-hub-check", "api_token": env["NAM_HUB_SERVICE_TOKEN"]}]
    c.JupyterHub.load_roles = [
        {
            "name": "nam-hub-check",
            "scopes": ["admin:users", "admin:servers", "tokens", "read:users", "access:servers"],
            "services": ["nam-hub-check"],
        }
    ]


# JupyterHub defines get_config when it loads this file; pytest --doctest-modules, which only
# imports it, does not, so nothing happens then.
if "get_config" in globals():
    configure(get_config(), os.environ)  # noqa: F821
