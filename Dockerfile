# syntax=docker/dockerfile:1
# SplitDns container image. Build and run: README.md "Container image".
#
#   docker build -t splitdns --build-arg REVISION=$(git rev-parse HEAD) \
#     --build-arg SOURCE=$(git remote get-url origin) .
#   docker run -d --name splitdns --read-only --cap-drop=ALL --cap-add=NET_BIND_SERVICE \
#     -p 53:53/udp -p 53:53/tcp -p 5380:5380 -v splitdns-data:/app/data splitdns
#
# Framework-dependent on the chiseled ASP.NET runtime (no shell, no package manager, the .NET
# runtime patched with the base image): the application layer is a few MB, and the image
# runs on amd64 and arm64 (`docker buildx build --platform linux/amd64,linux/arm64`).
# tests/Integration/Deploy checks these rules and runs the publish lines below as written.

ARG VERSION=0.10.0
ARG REVISION=
ARG SOURCE=

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
ARG VERSION
ARG REVISION
WORKDIR /src
# Restore from the project files alone first: a source change then reuses the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Protocol/SplitDns.Protocol.csproj src/Protocol/
COPY src/ZoneStore/SplitDns.ZoneStore.csproj src/ZoneStore/
COPY src/Forwarders/SplitDns.Forwarders.csproj src/Forwarders/
COPY src/Blocking/SplitDns.Blocking.csproj src/Blocking/
COPY src/DnsServer/SplitDns.Server.csproj src/DnsServer/
RUN dotnet restore src/DnsServer -a $TARGETARCH
COPY src/ src/
COPY zones/ zones/
# .git is not in the context (.dockerignore): the commit comes in as REVISION, and
# `splitdns --version` prints VERSION+REVISION, the same as the labels below.
RUN dotnet publish src/DnsServer -c Release -a $TARGETARCH --self-contained false --no-restore -o /app -p:Version=$VERSION -p:SourceRevisionId=$REVISION
# The data volume's mount point, owned by the runtime user (a new named volume copies it).
RUN mkdir -p /rootfs/app/data

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
ARG VERSION
ARG REVISION
ARG SOURCE
LABEL org.opencontainers.image.title="SplitDns" \
      org.opencontainers.image.description="Authoritative and forwarding DNS server for a home network with a Kubernetes cluster: split horizon views, RFC 2136 updates for external-dns, blocking" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
# Relative paths in the embedded defaults resolve against the working directory:
# zones/ -> /app/zones (the shipped example; mount a ConfigMap there or set
# SPLITDNS_SplitDns__ZoneDirectory), data/ -> /app/data (SQLite store, blocklist cache).
WORKDIR /app
# The application is owned by root and read-only to the server; only the data volume is its own.
COPY --from=build /app /app
COPY --from=build --chown=1654:1654 /rootfs/app/data /app/data
# With a read-only root filesystem there is no writable /tmp for the diagnostics IPC socket,
# and the base image's ASPNETCORE_HTTP_PORTS=8080 is not ours (SplitDns:Listen:Http is).
ENV DOTNET_EnableDiagnostics=0 \
    ASPNETCORE_HTTP_PORTS=
# 1654 is the base image's `app` user (APP_UID), numeric so that Kubernetes runAsNonRoot can
# verify it. Binding port 53 as this user: README.md "Container image" (Docker, Podman and
# containerd 2 set net.ipv4.ip_unprivileged_port_start=0 in the container's network namespace;
# elsewhere set that sysctl on the pod, or listen on 5353 and map the port).
USER 1654
VOLUME ["/app/data"]
EXPOSE 53/udp 53/tcp 5380/tcp
# No shell or curl in a chiseled image: the binary checks itself (GET /healthz on the first
# SplitDns:Listen:Http endpoint, taken from the same SPLITDNS_ environment as the server).
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["/app/splitdns", "healthcheck"]
ENTRYPOINT ["/app/splitdns"]
