using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Telepath.Media.Sip.Auth;

namespace Telepath.Media.Tests.Sip.Auth;

/// <summary>Stateless nonces: any silo with the secret validates them; they expire on the injected clock.</summary>
public sealed class NonceSourceTests
{
    private const string Secret = "test-secret-test-secret-test-secret!";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero));

    private NonceSource Create(string secret = Secret) => new(new NonceSourceOptions { Secret = secret }, _time);

    [Fact]
    public void Fresh_nonce_is_valid_on_another_instance_with_the_same_secret()
    {
        var nonce = Create().CreateNonce();

        Assert.Equal(NonceSource.NonceLength, nonce.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", nonce);
        Assert.Equal(NonceStatus.Valid, Create().Validate(nonce));
    }

    [Fact]
    public void Nonces_are_unique()
    {
        var source = Create();

        Assert.NotEqual(source.CreateNonce(), source.CreateNonce());
    }

    [Fact]
    public void Nonce_is_stale_after_its_lifetime()
    {
        var source = Create();
        var nonce = source.CreateNonce();

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(NonceStatus.Valid, source.Validate(nonce));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(NonceStatus.Stale, source.Validate(nonce));
    }

    [Fact]
    public void Nonce_from_another_secret_is_invalid()
    {
        var nonce = Create("another-secret-another-secret-another").CreateNonce();

        Assert.Equal(NonceStatus.Invalid, Create().Validate(nonce));
    }

    [Fact]
    public void Tampered_nonce_is_invalid()
    {
        var nonce = Create().CreateNonce().ToCharArray();
        nonce[3] = nonce[3] == 'A' ? 'B' : 'A';

        Assert.Equal(NonceStatus.Invalid, Create().Validate(new string(nonce)));
    }

    [Fact]
    public void Nonce_issued_in_the_future_beyond_the_skew_is_invalid()
    {
        var future = new FakeTimeProvider(_time.GetUtcNow().AddMinutes(2));
        var nonce = new NonceSource(new NonceSourceOptions { Secret = Secret }, future).CreateNonce();

        Assert.Equal(NonceStatus.Invalid, Create().Validate(nonce));
    }

    [Theory]
    [InlineData("")]
    [InlineData("dcd98b7102dd2f0e8b11d0f600bfb0c093")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_is_invalid(string nonce)
    {
        Assert.Equal(NonceStatus.Invalid, Create().Validate(nonce));
    }

    [Fact]
    public void Random_strings_of_nonce_length_never_throw_and_are_invalid()
    {
        var source = Create();
        Gen.String[Gen.Char, NonceSource.NonceLength, NonceSource.NonceLength].Sample(nonce =>
            Assert.Equal(NonceStatus.Invalid, source.Validate(nonce)));
        Gen.String[Gen.Char["ABCxyz019-_+/=!"], NonceSource.NonceLength, NonceSource.NonceLength].Sample(nonce =>
            Assert.Equal(NonceStatus.Invalid, source.Validate(nonce)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("too-short")]
    public void Short_secret_is_a_configuration_error(string secret)
    {
        Assert.Throws<ArgumentException>(() => Create(secret));
    }

    [Fact]
    public void Options_to_string_does_not_leak_the_secret()
    {
        Assert.DoesNotContain(Secret, new NonceSourceOptions { Secret = Secret }.ToString(), StringComparison.Ordinal);
    }
}
