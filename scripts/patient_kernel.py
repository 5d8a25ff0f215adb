"""A Jupyter kernel manager that lets the Java kernel finish starting before the client talks to it.

rapaio-jupyter-kernel 3.0.1 binds its sockets and starts their threads before it installs its message handlers
(Channels.connect). jupyter_client queues its first kernel_info_request before the kernel is up, so ZeroMQ delivers
it the moment the shell socket is bound, often before the handlers exist: the shell thread then dies of a
NullPointerException and the kernel never answers ("Kernel didn't respond"), or the request is dropped as
unhandled. This manager returns from start_kernel only once every port of the connection file accepts connections,
plus a short grace period, so the client's first message arrives after the handlers are in place.

Use: PYTHONPATH=scripts jupyter nbconvert ... --ExecutePreprocessor.kernel_manager_class=patient_kernel.PatientKernelManager
"""
import socket
import time

from jupyter_client.manager import AsyncKernelManager, KernelManager

PORTS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")


def _wait_for_ports(manager, timeout=60.0, grace=0.5):
    deadline = time.monotonic() + timeout
    info = manager.get_connection_info()
    for name in PORTS:
        while True:
            try:
                with socket.create_connection((info["ip"], info[name]), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or (manager.provisioner and manager.provisioner.process
                                                   and manager.provisioner.process.poll() is not None):
                    return  # let the client report the failure as usual
                time.sleep(0.05)
    time.sleep(grace)


class PatientKernelManager(AsyncKernelManager):
    """What nbclient (nbconvert --execute) uses."""

    async def post_start_kernel(self, **kw):
        _wait_for_ports(self)
        await KernelManager._async_post_start_kernel(self, **kw)


class PatientBlockingKernelManager(KernelManager):
    """The same for blocking clients."""

    def post_start_kernel(self, **kw):
        _wait_for_ports(self)
        super().post_start_kernel(**kw)
