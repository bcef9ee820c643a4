package dev.tollgate.server.keys;

import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "API keys", description = "At most 10 live keys across a root account and its sub-accounts")
class ApiKeyController {
  private final ApiKeyCommands commands;
  private final ApiKeyVerifier verifier;
  private final KeyUsageRecorder usage;

  ApiKeyController(ApiKeyCommands commands, ApiKeyVerifier verifier, KeyUsageRecorder usage) {
    this.commands = commands;
    this.verifier = verifier;
    this.usage = usage;
  }

  record CreateKeyBody(String remark) {}

  /** The only response that ever carries the key text. */
  record CreatedKeyView(String id, String key, String prefix, String remark, String accountId, Instant createdAt) {}

  record KeyView(String id, String prefix, String remark, String accountId, Instant createdAt, Instant lastUsedAt) {}

  @PostMapping("/v1/accounts/{id}/api-keys")
  @Operation(summary = "Create a key; the key text is in this response only. 409 api_key_limit_reached past the family limit")
  ResponseEntity<CreatedKeyView> create(@PathVariable String id, @RequestBody(required = false) CreateKeyBody body) {
    ApiKeyCommands.Created created = commands.create(id, body == null ? null : body.remark());
    ApiKey k = created.key();
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new CreatedKeyView(k.id(), created.text(), k.prefix(), k.remark(), k.accountId(), k.createdAt()));
  }

  @GetMapping("/v1/accounts/{id}/api-keys")
  @Operation(summary = "List live keys without their text; family=true on a root lists its sub-accounts' keys too")
  Page<KeyView> list(@PathVariable String id, @RequestParam(defaultValue = "false") boolean family) {
    return new Page<>(commands.list(id, family).stream().map(this::view).toList(), null);
  }

  record RemarkBody(String remark) {}

  @PatchMapping("/v1/accounts/{id}/api-keys/{keyId}")
  @Operation(summary = "Change a key's remark")
  KeyView remark(@PathVariable String id, @PathVariable String keyId, @RequestBody RemarkBody body) {
    return view(commands.remark(id, keyId, body.remark()));
  }

  @DeleteMapping("/v1/accounts/{id}/api-keys/{keyId}")
  @Operation(summary = "Delete a key; it stops working at once")
  ResponseEntity<Void> delete(@PathVariable String id, @PathVariable String keyId) {
    commands.delete(id, keyId);
    return ResponseEntity.noContent().build();
  }

  record VerifyBody(String key) {}

  record VerifiedView(String keyId, String accountId, String rootId) {}

  @PostMapping("/v1/api-keys:verify")
  @Operation(summary = "Check a key as a gateway would: 200 with its account, or 401 invalid_api_key")
  VerifiedView verify(@RequestBody VerifyBody body) {
    if (body.key() == null) {
      throw ApiException.missingField("key");
    }
    ApiKeyVerifier.VerifiedKey k = verifier.verify(body.key())
        .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "invalid_api_key", "the API key is not valid or was deleted"));
    return new VerifiedView(k.keyId(), k.accountId(), k.rootId());
  }

  private KeyView view(ApiKey k) {
    Instant pending = usage.pendingFor(k.id());
    Instant lastUsed = k.lastUsedAt();
    if (pending != null && (lastUsed == null || pending.isAfter(lastUsed))) {
      lastUsed = pending;
    }
    return new KeyView(k.id(), k.prefix(), k.remark(), k.accountId(), k.createdAt(), lastUsed);
  }
}
